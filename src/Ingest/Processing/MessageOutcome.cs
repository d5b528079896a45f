namespace UserManagement.Ingest.Processing;

/// <summary>What becomes of a received message.</summary>
public enum MessageOutcome
{
    /// <summary>Its effect is stored (counted now, or found counted before): delete it.</summary>
    Processed = 0,

    /// <summary>An event type this service does not consume: delete it.</summary>
    Skipped = 1,

    /// <summary>It can never succeed: move it to the dead-letter queue with the reason.</summary>
    DeadLettered = 2,

    /// <summary>A transient failure: leave it on the queue to be received again.</summary>
    Failed = 3,
}
