namespace UserManagement.Grains.Events;

public interface IEventBridgePublisher
{
    /// <summary>
    /// Puts <paramref name="entries"/> on the configured bus and completes once EventBridge has accepted every one of
    /// them, retrying failed requests and failed entries a bounded number of times.
    /// </summary>
    /// <exception cref="EventPublishingException">Some entries were still not accepted when the tries ran out, or
    /// EventBridge refused the request in a way another try cannot fix.</exception>
    Task PutEvents(IReadOnlyList<EventBridgeEntry> entries, CancellationToken cancellationToken);
}
