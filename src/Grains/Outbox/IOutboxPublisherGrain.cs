using Orleans.Concurrency;

namespace UserManagement.Grains.Outbox;

/// <summary>Publishes an owner's events on its behalf, so the owner never waits on the event bus.</summary>
public interface IOutboxPublisherGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// One attempt to publish <paramref name="events"/>; the outcome goes to <see cref="IOutboxOwner.AttemptFinished"/>.
    /// One-way: the caller's turn ends as soon as the message is sent.
    /// </summary>
    [OneWay]
    Task Publish(IOutboxOwner owner, IReadOnlyList<OutgoingEvent> events);
}
