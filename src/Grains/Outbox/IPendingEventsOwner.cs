namespace UserManagement.Grains.Outbox;

/// <summary>A grain with an outbox, woken by the sweeper to publish what it still holds.</summary>
public interface IPendingEventsOwner : IGrainWithStringKey
{
    Task PublishPendingEvents();
}
