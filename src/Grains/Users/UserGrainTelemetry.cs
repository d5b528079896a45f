using System.Diagnostics;
using UserManagement.Grains.Outbox;

namespace UserManagement.Grains.Users;

/// <summary>Spans of the user grain's own work that Orleans does not already trace.</summary>
public static class UserGrainTelemetry
{
    public const string SourceName = "UserManagement.Grains";

    private static readonly ActivitySource Source = new(SourceName);

    /// <summary>Publishing an event continues the trace of the change that recorded it.</summary>
    public static Activity? StartPublishing(PendingEvent pending, string eventBusName)
    {
        ActivityContext.TryParse(pending.TraceParent, traceState: null, isRemote: true, out var parent);
        var activity = Source.StartActivity($"send {pending.DetailType}", ActivityKind.Producer, parent);
        activity?.SetTag("messaging.system", "aws_eventbridge");
        activity?.SetTag("messaging.operation.type", "send");
        activity?.SetTag("messaging.destination.name", eventBusName);
        activity?.SetTag("messaging.message.id", pending.Id);
        return activity;
    }
}
