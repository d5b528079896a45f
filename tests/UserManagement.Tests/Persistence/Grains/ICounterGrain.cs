namespace UserManagement.Tests.Persistence.Grains;

/// <summary>A grain kept in the storage named <c>users</c>, to exercise the storage the way the user grain does.</summary>
public interface ICounterGrain : IGrainWithStringKey
{
    /// <summary>Counts one; a conflicting write by another activation is resolved by re-reading and counting again.</summary>
    Task<int> Increment();

    /// <summary>Counts one and lets a conflicting write fail the call.</summary>
    Task<int> IncrementOnce();

    /// <summary>Replaces the whole state and writes it.</summary>
    Task Save(CounterState state);

    Task<CounterState> Get();

    /// <summary>Reads the stored state again, dropping what the activation holds.</summary>
    Task<CounterState> Reload();

    Task<bool> RecordExists();

    Task<string?> ETag();

    Task Clear();
}
