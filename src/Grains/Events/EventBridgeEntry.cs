namespace UserManagement.Grains.Events;

/// <summary>One event for EventBridge's <c>PutEvents</c>; the bus comes from <see cref="EventBridgeOptions.EventBusName"/>.</summary>
/// <param name="Source">The producer, e.g. <c>prod.users</c>.</param>
/// <param name="DetailType">The event type, e.g. <c>users.userCreated.v1</c>.</param>
/// <param name="Detail">The event body as a JSON string (here a CloudEvent).</param>
/// <param name="Time">When the event happened; EventBridge uses the time it received the event when absent.</param>
public sealed record EventBridgeEntry(string Source, string DetailType, string Detail, DateTimeOffset? Time = null)
{
    /// <summary>Leaves <see cref="Detail"/> out, so logging an entry never writes the event's contents.</summary>
    public override string ToString() => $"{nameof(EventBridgeEntry)} {{ Source = {Source}, DetailType = {DetailType} }}";
}
