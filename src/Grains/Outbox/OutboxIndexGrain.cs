using UserManagement.Grains.Users;

namespace UserManagement.Grains.Outbox;

public sealed class OutboxIndexGrain(
    [PersistentState("outbox-index", UserGrain.StorageName)] IPersistentState<OutboxIndexState> index) : Grain, IOutboxIndexGrain
{
    public async Task Add(string userId)
    {
        if (!index.State.UserIds.Contains(userId))
        {
            index.State.UserIds.Add(userId);
            await Write();
        }
    }

    public async Task Remove(string userId)
    {
        if (index.State.UserIds.Remove(userId))
        {
            await Write();
        }
    }

    public Task<IReadOnlyList<string>> Pending() => Task.FromResult<IReadOnlyList<string>>([.. index.State.UserIds]);

    private async Task Write()
    {
        try
        {
            await index.WriteStateAsync();
        }
        catch
        {
            // The copy in memory is ahead of storage; a fresh activation starts from what is stored.
            DeactivateOnIdle();
            throw;
        }
    }
}
