namespace UserManagement.Ingest.Messages;

/// <summary>
/// What becomes of one message. It ends in one of three ways: its order counted (or found counted before), its event
/// type acknowledged as one not handled here, or moved to the dead-letter queue with the reason. When the grain could
/// not be reached it is released instead, to come back after a back-off and end in one of those ways later.
/// </summary>
/// <param name="Reason">For a dead letter, its <c>DeadLetterReason</c>: the name of the factory that made it.</param>
/// <param name="Detail">
/// For a dead letter, what exactly is wrong; for a release, why. It names fields, never their values, which may hold
/// email addresses.
/// </param>
public sealed record MessageOutcome(MessageFate Fate, string? EventType, string? Reason = null, string? Detail = null)
{
    /// <summary>Counted, found counted or skipped: its effect is stored, or there is none to store.</summary>
    public bool IsDone => Fate is MessageFate.Counted or MessageFate.AlreadyCounted or MessageFate.Skipped;

    public static MessageOutcome Counted(string eventType) => new(MessageFate.Counted, eventType);

    public static MessageOutcome AlreadyCounted(string eventType) => new(MessageFate.AlreadyCounted, eventType);

    public static MessageOutcome Skipped(string eventType) => new(MessageFate.Skipped, eventType);

    /// <summary>Not an event as the contract defines one: not JSON, not one of the envelopes, no CloudEvent.</summary>
    public static MessageOutcome MalformedBody(string detail) => DeadLettered(null, nameof(MalformedBody), detail);

    /// <summary>An order event whose <c>data</c> lacks the fields of its version as non-empty strings of bounded length.</summary>
    public static MessageOutcome MalformedData(string eventType, string detail) => DeadLettered(eventType, nameof(MalformedData), detail);

    /// <summary><c>data.userId</c> is neither a user id nor an email address.</summary>
    public static MessageOutcome InvalidUserId(string eventType) =>
        DeadLettered(eventType, nameof(InvalidUserId), "data.userId is neither a user id nor an email address");

    /// <summary>Nobody is registered under the user the order names.</summary>
    public static MessageOutcome UnknownUser(string eventType) =>
        DeadLettered(eventType, nameof(UnknownUser), "no user is registered under data.userId");

    /// <summary>Handling it failed in a way that does not depend on anything outside the message, so it would fail again.</summary>
    public static MessageOutcome Unprocessable(string? eventType, Exception exception) =>
        DeadLettered(eventType, nameof(Unprocessable), $"handling it failed with {exception.GetType().Name}");

    public static MessageOutcome Released(string? eventType, string cause) => new(MessageFate.Released, eventType, Detail: cause);

    private static MessageOutcome DeadLettered(string? eventType, string reason, string detail) =>
        new(MessageFate.DeadLettered, eventType, reason, detail);
}

/// <summary>The kinds of <see cref="MessageOutcome"/>.</summary>
public enum MessageFate
{
    Counted = 0,
    AlreadyCounted = 1,
    Skipped = 2,
    DeadLettered = 3,
    Released = 4,
}
