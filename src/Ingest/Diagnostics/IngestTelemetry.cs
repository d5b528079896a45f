using System.Diagnostics;
using Amazon.SQS.Model;
using UserManagement.Ingest.Envelopes;
using UserManagement.Ingest.Processing;

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

    private static readonly ActivitySource Source = new(SourceName);

    public static Activity? StartProcessing(string queueName, Message message, InboundEvent? inboundEvent, bool useSpanLink)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        var hasProducerContext = ActivityContext.TryParse(inboundEvent?.Message.TraceParent, null, isRemote: true, out var producer);
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
        activity.SetTag("messaging.message.id", message.MessageId);
        activity.SetTag(ReceiveCountTag, ReceiveCount.Of(message));

        if (inboundEvent is not null)
        {
            activity.SetTag("cloudevents.event_id", inboundEvent.Message.Id);
            activity.SetTag("cloudevents.event_source", inboundEvent.Message.Source);
            activity.SetTag("cloudevents.event_type", inboundEvent.EventType);
        }

        return activity;
    }
}
