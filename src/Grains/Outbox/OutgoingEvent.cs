namespace UserManagement.Grains.Outbox;

/// <summary>An event as it leaves the outbox for the event bus.</summary>
/// <param name="Id">The CloudEvent id, the same on every try, so consumers can drop duplicates.</param>
/// <param name="Source">The producer, e.g. <c>prod.users</c>.</param>
/// <param name="DetailType">The event type, e.g. <c>users.userCreated.v1</c>.</param>
/// <param name="Detail">The CloudEvent as JSON text.</param>
/// <param name="Time">When the change happened.</param>
/// <param name="TraceParent">The W3C trace context of the change, so publishing continues its trace.</param>
[GenerateSerializer, Immutable]
public sealed record OutgoingEvent(
    [property: Id(0)] string Id,
    [property: Id(1)] string Source,
    [property: Id(2)] string DetailType,
    [property: Id(3)] string Detail,
    [property: Id(4)] DateTimeOffset Time,
    [property: Id(5)] string? TraceParent)
{
    /// <summary>Leaves <see cref="Detail"/> out, so logging an event never writes its contents.</summary>
    public override string ToString() => $"{nameof(OutgoingEvent)} {{ Id = {Id}, DetailType = {DetailType} }}";
}
