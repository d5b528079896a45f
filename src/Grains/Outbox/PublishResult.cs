namespace UserManagement.Grains.Outbox;

/// <summary>What became of one event in one attempt, as the outbox needs to know it to decide what comes next.</summary>
public enum PublishResult
{
    /// <summary>The bus took the event; it leaves the outbox.</summary>
    Accepted,

    /// <summary>A passing fault (no answer in time, a 5xx, a dropped connection): another attempt may succeed.</summary>
    Transient,

    /// <summary>The bus asked to slow down: another attempt after the back-off may succeed.</summary>
    Throttled,

    /// <summary>Refused in a way no retry can fix (access denied, unknown bus, malformed event): the event is parked.</summary>
    Permanent,
}
