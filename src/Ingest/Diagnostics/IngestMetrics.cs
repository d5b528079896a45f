using System.Diagnostics.Metrics;
using UserManagement.Ingest.Messages;

namespace UserManagement.Ingest.Diagnostics;

/// <summary>Counts of consumed messages by what became of them, on the meter <c>UserManagement.Ingest</c>.</summary>
public sealed class IngestMetrics
{
    public const string MeterName = "UserManagement.Ingest";

    private readonly Counter<long> _processed;
    private readonly Counter<long> _skipped;
    private readonly Counter<long> _deadLettered;
    private readonly Counter<long> _failed;

    public IngestMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _processed = meter.CreateCounter<long>(
            "ingest.messages.processed", "{message}", "Messages whose effect is stored (counted, or recognised as counted before) and deleted.");
        _skipped = meter.CreateCounter<long>(
            "ingest.messages.skipped", "{message}", "Messages of event types this service does not consume, deleted.");
        _deadLettered = meter.CreateCounter<long>(
            "ingest.messages.dead_lettered", "{message}", "Messages that can never succeed, moved to the dead-letter queue.");
        _failed = meter.CreateCounter<long>(
            "ingest.messages.failed", "{message}", "Messages released after a transient failure, to be received again after a back-off.");
    }

    public void Record(MessageOutcome outcome)
    {
        switch (outcome.Fate)
        {
            case MessageFate.Counted or MessageFate.AlreadyCounted:
                _processed.Add(1);
                break;
            case MessageFate.Skipped:
                _skipped.Add(1);
                break;
            case MessageFate.DeadLettered:
                _deadLettered.Add(1, new KeyValuePair<string, object?>("reason", outcome.Reason));
                break;
            default:
                _failed.Add(1);
                break;
        }
    }
}
