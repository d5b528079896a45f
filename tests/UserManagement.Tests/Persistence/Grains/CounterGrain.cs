using Orleans.Storage;
using UserManagement.Contracts.Users;
using UserManagement.Grains.Users;

namespace UserManagement.Tests.Persistence.Grains;

public sealed class CounterGrain([PersistentState("state", CounterGrain.StorageName)] IPersistentState<CounterState> counter)
    : Grain, ICounterGrain
{
    /// <summary>The user grains' storage, so the counter exercises exactly what they use.</summary>
    public const string StorageName = UserGrain.StorageName;

    public async Task<int> Increment()
    {
        try
        {
            return await IncrementOnce();
        }
        catch (InconsistentStateException)
        {
            // Another activation wrote since this one read: take its state and apply the change on top of it.
            await counter.ReadStateAsync();
            return await IncrementOnce();
        }
    }

    public async Task<int> IncrementOnce()
    {
        counter.State.Count++;
        counter.State.LastChanged = DateTimeOffset.UtcNow;
        await counter.WriteStateAsync();
        return counter.State.Count;
    }

    public async Task Save(CounterState state)
    {
        counter.State = state;
        await counter.WriteStateAsync();
    }

    public Task<CounterState> Get() => Task.FromResult(counter.State);

    public async Task<CounterState> Reload()
    {
        await counter.ReadStateAsync();
        return counter.State;
    }

    public Task<bool> RecordExists() => Task.FromResult(counter.RecordExists);

    public Task<string?> ETag() => Task.FromResult(counter.Etag);

    public Task Clear() => counter.ClearStateAsync();
}
