using Microsoft.Extensions.Logging;
using UserManagement.Contracts.OAuth;

namespace UserManagement.Grains.OAuth;

/// <summary>
/// Keeps one OAuth record in its own item of the <c>users</c> storage (the grain type is part of the item's key). A
/// record past its <see cref="OAuthEntity.ForgetAfter"/> is cleared when next touched, so expired codes and tokens
/// do not stay in the table.
/// </summary>
public abstract partial class OAuthEntityGrain<TEntity>(
    IPersistentState<OAuthEntityState<TEntity>> stored,
    TimeProvider time,
    ILogger logger) : Grain, IOAuthEntityGrain<TEntity>
    where TEntity : OAuthEntity
{
    public const string StorageName = "users";

    protected OAuthEntityState<TEntity> State => stored.State;

    protected DateTimeOffset Now => time.GetUtcNow();

    public async Task<TEntity?> Get()
    {
        await ForgetIfDue();
        return State.Entity;
    }

    public async Task<string?> Create(TEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        await ForgetIfDue();
        if (State.Entity is not null)
        {
            return null;
        }

        return await Replace(entity);
    }

    public async Task<string?> Update(TEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        await ForgetIfDue();
        if (State.Entity is null || State.Entity.ConcurrencyToken != entity.ConcurrencyToken)
        {
            return null;
        }

        return await Replace(entity);
    }

    public async Task<bool> Delete(string? concurrencyToken)
    {
        if (State.Entity is null || (concurrencyToken is not null && State.Entity.ConcurrencyToken != concurrencyToken))
        {
            return false;
        }

        await Forget();
        return true;
    }

    protected Task Save() => Storing(stored.WriteStateAsync);

    /// <summary>Stores the record under this grain's key with a new concurrency token, and answers that token.</summary>
    private async Task<string> Replace(TEntity entity)
    {
        entity.Id = this.GetPrimaryKeyString();
        entity.ConcurrencyToken = Guid.NewGuid().ToString("N");
        State.Entity = entity;
        await Save();
        return entity.ConcurrencyToken;
    }

    private async Task ForgetIfDue()
    {
        if (State.Entity?.ForgetAfter is { } due && due < Now)
        {
            await Forget();
        }
    }

    private async Task Forget()
    {
        await Storing(stored.ClearStateAsync);
        stored.State = new OAuthEntityState<TEntity>();
    }

    private async Task Storing(Func<Task> write)
    {
        try
        {
            await write();
        }
        catch (Exception exception)
        {
            // The copy in memory may differ from the stored one now: the next call starts from storage.
            LogWriteFailed(logger, exception, GetType().Name);
            DeactivateOnIdle();
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storing an OAuth record ({GrainType}) failed; it will be read again")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception, string grainType);
}
