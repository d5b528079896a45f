namespace UserManagement.Ingest.Processing;

/// <summary>The outcome of processing one message, with the event type (when one was found) for logs and metrics.</summary>
public sealed record MessageDisposition(MessageOutcome Outcome, string? EventType, DeadLetterReason? Reason = null)
{
    public static MessageDisposition Processed(string eventType) => new(MessageOutcome.Processed, eventType);

    public static MessageDisposition Skipped(string eventType) => new(MessageOutcome.Skipped, eventType);

    public static MessageDisposition DeadLettered(string? eventType, DeadLetterReason reason) =>
        new(MessageOutcome.DeadLettered, eventType, reason);

    public static MessageDisposition Failed(string? eventType) => new(MessageOutcome.Failed, eventType);
}
