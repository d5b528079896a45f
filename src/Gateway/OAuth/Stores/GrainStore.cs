using System.Collections.Immutable;
using System.Text.Json;
using OpenIddict.Abstractions;
using UserManagement.Contracts.OAuth;

namespace UserManagement.Gateway.OAuth.Stores;

/// <summary>
/// What the grain-backed OpenIddict stores share: a record is read and written through its own grain, one item each,
/// keyed by the look-up OpenIddict makes. There is no table to scan, so the queries that would need one (listing,
/// counting, LINQ) are not offered; OpenIddict's server makes none of them, and pruning happens in the grains, which
/// forget a record once it is past use.
/// </summary>
public abstract class GrainStore<TEntity, TGrain>(IGrainFactory grains)
    where TEntity : OAuthEntity, new()
    where TGrain : IOAuthEntityGrain<TEntity>
{
    protected IGrainFactory Grains => grains;

    protected TGrain Grain(string id) => grains.GetGrain<TGrain>(id);

    /// <summary>
    /// Whether a value sent by a client can name a record at all: the ids issued are short (a GUID, 22 characters of a
    /// client id, a 44-character hash), while a grain refuses a blank key and DynamoDB a key over 2 KB.
    /// </summary>
    protected static bool IsKey(string? identifier) => !string.IsNullOrWhiteSpace(identifier) && identifier.Length <= 200;

    /// <summary>Stores a new record under <see cref="OAuthEntity.Id"/>, given one or a new one.</summary>
    protected async ValueTask CreateRecord(TEntity entity)
    {
        entity.Id ??= Guid.NewGuid().ToString("D");
        entity.ConcurrencyToken = await Grain(entity.Id).Create(entity)
            ?? throw new OpenIddictExceptions.ConcurrencyException($"A {typeof(TEntity).Name} with this id exists already.");
    }

    public virtual async ValueTask UpdateAsync(TEntity entity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entity);
        entity.ConcurrencyToken = await Grain(entity.Id!).Update(entity)
            ?? throw new OpenIddictExceptions.ConcurrencyException($"The {typeof(TEntity).Name} was changed or removed since it was read.");
    }

    protected async ValueTask DeleteRecord(TEntity entity)
    {
        if (!await Grain(entity.Id!).Delete(entity.ConcurrencyToken))
        {
            throw new OpenIddictExceptions.ConcurrencyException($"The {typeof(TEntity).Name} was changed or removed since it was read.");
        }
    }

    public async ValueTask<TEntity?> FindByIdAsync(string identifier, CancellationToken cancellationToken) =>
        IsKey(identifier) ? await Grain(identifier).Get() : null;

    public ValueTask<string?> GetIdAsync(TEntity entity, CancellationToken cancellationToken) => new(entity.Id);

    public ValueTask<TEntity> InstantiateAsync(CancellationToken cancellationToken) => new(new TEntity());

    public ValueTask<ImmutableDictionary<string, JsonElement>> GetPropertiesAsync(TEntity entity, CancellationToken cancellationToken) =>
        new(StoredValues.ReadProperties(entity.Properties));

    public ValueTask SetPropertiesAsync(TEntity entity, ImmutableDictionary<string, JsonElement> properties, CancellationToken cancellationToken)
    {
        entity.Properties = StoredValues.WriteProperties(properties);
        return default;
    }

    public ValueTask<long> CountAsync(CancellationToken cancellationToken) => throw NoScan();

    public ValueTask<long> CountAsync<TResult>(Func<IQueryable<TEntity>, IQueryable<TResult>> query, CancellationToken cancellationToken) => throw NoScan();

    public ValueTask<TResult?> GetAsync<TState, TResult>(Func<IQueryable<TEntity>, TState, IQueryable<TResult>> query, TState? state, CancellationToken cancellationToken) => throw NoScan();

    public IAsyncEnumerable<TEntity> ListAsync(int? count, int? offset, CancellationToken cancellationToken) => throw NoScan();

    public IAsyncEnumerable<TResult> ListAsync<TState, TResult>(Func<IQueryable<TEntity>, TState, IQueryable<TResult>> query, TState? state, CancellationToken cancellationToken) => throw NoScan();

    /// <summary>Sets a value on the record in memory; it is stored by the next create or update.</summary>
    protected static ValueTask Set(Action assign)
    {
        assign();
        return default;
    }

    protected static NotSupportedException NoScan() =>
        new($"{typeof(TEntity).Name} records are kept one per grain and can be found only by the keys they are stored under.");
}
