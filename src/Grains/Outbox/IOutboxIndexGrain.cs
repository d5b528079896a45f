namespace UserManagement.Grains.Outbox;

/// <summary>
/// One shard of the durable list of users with events not yet published. A user is added before the write that records
/// its event and removed after the event is accepted, so after a crash the sweeper finds every such user.
/// </summary>
public interface IOutboxIndexGrain : IGrainWithIntegerKey
{
    Task Add(string userId);

    Task Remove(string userId);

    Task<IReadOnlyList<string>> Pending();
}
