namespace UserManagement.Contracts.Users;

/// <summary>An event of a user that the event bus has not accepted yet.</summary>
/// <param name="EventId">The CloudEvent id, the same on every try.</param>
/// <param name="Attempts">Failed attempts so far.</param>
/// <param name="NextAttemptAt">When the next attempt is due; none while parked.</param>
/// <param name="LastError">The last failure as the bus told it.</param>
/// <param name="ParkedAt">Set when the event failed for good: no attempts are made until it is published again.</param>
[GenerateSerializer, Immutable]
public sealed record OutgoingEventStatus(
    [property: Id(0)] string EventId,
    [property: Id(1)] string EventType,
    [property: Id(2)] DateTimeOffset RecordedAt,
    [property: Id(3)] int Attempts,
    [property: Id(4)] DateTimeOffset? NextAttemptAt,
    [property: Id(5)] string? LastError,
    [property: Id(6)] DateTimeOffset? ParkedAt);
