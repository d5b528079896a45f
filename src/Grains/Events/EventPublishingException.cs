namespace UserManagement.Grains.Events;

/// <summary>
/// EventBridge did not accept some or all of the entries of a <see cref="IEventBridgePublisher.PutEvents"/> call. The
/// message names error codes and messages only: never an entry's detail, which may hold personal data.
/// </summary>
public sealed class EventPublishingException : Exception
{
    public EventPublishingException()
    {
    }

    public EventPublishingException(string message)
        : base(message)
    {
    }

    public EventPublishingException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    public EventPublishingException(string message, IReadOnlyList<FailedEventBridgeEntry> failedEntries, Exception? innerException = null)
        : base(message, innerException) =>
        FailedEntries = failedEntries;

    /// <summary>
    /// Every entry that was not accepted, with the last error seen for it: the entry's own error code when EventBridge
    /// refused that entry, or the request's error (an AWS error code, <c>Http503</c>, <c>Timeout</c>, <c>Transport</c>)
    /// when the request as a whole failed. Entries not listed were accepted.
    /// </summary>
    public IReadOnlyList<FailedEventBridgeEntry> FailedEntries { get; } = [];
}
