using System.Diagnostics;
using UserManagement.Ingest.Messages;

namespace UserManagement.Ingest.Diagnostics;

/// <summary>
/// The consumer spans: one per message, of kind Consumer, continuing the producer's trace from the CloudEvent's
/// <c>traceparent</c> (or linking it, when so configured). Tags follow the OpenTelemetry messaging conventions.
/// </summary>
public static class IngestTelemetry
{
    public const string SourceName = "UserManagement.Ingest";

    /// <summary>SQS has no conventional attribute for it; named after the SQS attribute it reports.</summary>
    public const string ReceiveCountTag = "messaging.aws.sqs.approximate_receive_count";

    public const string OutcomeTag = "user_management.ingest.outcome";

    private static readonly ActivitySource Source = new(SourceName);

    /// <summary>
    /// The span of one message: a child of the producer's context, or linked to it; a new trace when the
    /// <c>traceparent</c> is absent or malformed, which never fails the message.
    /// </summary>
    public static Activity? StartProcessing(string queueName, string messageId, int receiveCount, CloudEvent? cloudEvent, bool useSpanLink)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        var hasProducerContext = TryParseTraceParent(cloudEvent?.TraceParent, out var producer);
        var parent = hasProducerContext && !useSpanLink ? producer : default;
        ActivityLink[]? links = hasProducerContext && useSpanLink ? [new ActivityLink(producer)] : null;

        // Started with no parent when there is no producer context: the pollers run with no ambient activity.
        var activity = Source.StartActivity(ActivityKind.Consumer, parent, links: links, name: $"process {queueName}");
        if (activity is null)
        {
            return null;
        }

        activity.SetTag("messaging.system", "aws_sqs");
        activity.SetTag("messaging.operation.type", "process");
        activity.SetTag("messaging.operation.name", "process");
        activity.SetTag("messaging.destination.name", queueName);
        activity.SetTag("messaging.message.id", messageId);
        activity.SetTag(ReceiveCountTag, receiveCount);
        if (cloudEvent is not null)
        {
            activity.SetTag("cloudevents.event_id", cloudEvent.Id);
            activity.SetTag("cloudevents.event_source", cloudEvent.Source);
            activity.SetTag("cloudevents.event_type", cloudEvent.EventType);
        }

        return activity;
    }

    public static void Finish(Activity? activity, MessageOutcome outcome)
    {
        if (activity is null)
        {
            return;
        }

        if (outcome.Fate is MessageFate.DeadLettered or MessageFate.Released)
        {
            activity.SetStatus(ActivityStatusCode.Error, outcome.Reason ?? outcome.Detail);
        }

        activity.SetTag(OutcomeTag, outcome.Fate.ToString());
        activity.Dispose();
    }

    private static bool TryParseTraceParent(string? traceParent, out ActivityContext context)
    {
        context = default;
        try
        {
            return traceParent is not null && ActivityContext.TryParse(traceParent, null, isRemote: true, out context);
        }
        catch (ArgumentException)
        {
            // Whatever a producer put there, the order still counts, on a trace of its own.
            return false;
        }
    }
}
