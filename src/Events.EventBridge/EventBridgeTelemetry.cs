using System.Diagnostics;
using UserManagement.Grains.Outbox;

namespace UserManagement.Events.EventBridge;

/// <summary>A producer span per <c>PutEvents</c> request, named as OpenTelemetry's messaging conventions name it.</summary>
internal static class EventBridgeTelemetry
{
    public const string SourceName = "UserManagement.Events.EventBridge";

    private static readonly ActivitySource Source = new(SourceName);

    /// <summary>Sending continues the trace of the change that recorded the (first) event, however much later it runs.</summary>
    public static Activity? StartSend(IReadOnlyList<OutgoingEvent> batch, string eventBusName)
    {
        var first = batch[0];
        ActivityContext.TryParse(first.TraceParent, traceState: null, isRemote: true, out var parent);
        var activity = Source.StartActivity($"send {first.DetailType}", ActivityKind.Producer, parent);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("messaging.system", "aws_eventbridge");
            activity.SetTag("messaging.operation.type", "send");
            activity.SetTag("messaging.destination.name", eventBusName);
            activity.SetTag("messaging.message.id", first.Id);
            if (batch.Count > 1)
            {
                activity.SetTag("messaging.batch.message_count", batch.Count);
            }
        }

        return activity;
    }
}
