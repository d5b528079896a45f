namespace UserManagement.Ingest.Envelopes;

/// <summary>One event as received, whichever envelope it came in: its type and its CloudEvent.</summary>
/// <param name="EventType">The EventBridge <c>detail-type</c> when there was one, otherwise the CloudEvent's <c>type</c>.</param>
public sealed record InboundEvent(string EventType, TracedMessage Message);
