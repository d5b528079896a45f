using System.Diagnostics.Metrics;

namespace UserManagement.Grains.Outbox;

/// <summary>What becomes of outgoing events, on the meter <c>UserManagement.Outbox</c>.</summary>
public sealed class OutboxMetrics
{
    public const string MeterName = "UserManagement.Outbox";

    private readonly Counter<long> _published;
    private readonly Counter<long> _failedAttempts;
    private readonly Counter<long> _parked;

    public OutboxMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _published = meter.CreateCounter<long>(
            "outbox.events.published", "{event}", "Events the event bus accepted, removed from their outbox.");
        _failedAttempts = meter.CreateCounter<long>(
            "outbox.attempts.failed", "{event}", "Failed attempts to publish an event that will be retried.");
        _parked = meter.CreateCounter<long>(
            "outbox.events.parked", "{event}", "Events that failed for good and wait for an operator to publish them again.");
    }

    public void Published(OutboxEvent published) => _published.Add(1, Type(published));

    public void AttemptFailed(OutboxEvent failed, EventOutcome outcome) =>
        _failedAttempts.Add(1, Type(failed), Result(outcome), Error(outcome));

    public void Parked(OutboxEvent parked, EventOutcome outcome) => _parked.Add(1, Type(parked), Result(outcome), Error(outcome));

    private static KeyValuePair<string, object?> Type(OutboxEvent e) => new("event.type", e.DetailType);

    private static KeyValuePair<string, object?> Result(EventOutcome outcome) => new("outcome", outcome.Result.ToString());

    private static KeyValuePair<string, object?> Error(EventOutcome outcome) => new("error.type", outcome.ErrorCode);
}
