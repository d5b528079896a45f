namespace UserManagement.Contracts.OAuth;

/// <summary>
/// One stored OAuth record (a client, an authorization, a token), one grain and one item each. Writes are conditional
/// on the concurrency token last read, so of two concurrent redemptions of one code only one succeeds.
/// </summary>
public interface IOAuthEntityGrain<TEntity> : IGrainWithStringKey
    where TEntity : OAuthEntity
{
    /// <summary>The record, or <see langword="null"/> when none exists or it has passed its time to be forgotten.</summary>
    Task<TEntity?> Get();

    /// <summary>Stores a new record under this grain's key; <see langword="null"/> when one exists, else its concurrency token.</summary>
    Task<string?> Create(TEntity entity);

    /// <summary>Replaces the record when its concurrency token is still the one given; the new token, or <see langword="null"/> on a conflict.</summary>
    Task<string?> Update(TEntity entity);

    /// <summary>Removes the record when its concurrency token is still the one given (or none is given).</summary>
    Task<bool> Delete(string? concurrencyToken);
}

public interface IOAuthApplicationGrain : IOAuthEntityGrain<OAuthApplication>;

public interface IOAuthTokenGrain : IOAuthEntityGrain<OAuthToken>
{
    /// <summary>Marks the token revoked unless it already is; whether it changed.</summary>
    Task<bool> Revoke();
}

public interface IOAuthAuthorizationGrain : IOAuthEntityGrain<OAuthAuthorization>
{
    /// <summary>Records a token issued under this authorization, so all of them can be revoked together.</summary>
    Task AddToken(string tokenId, DateTimeOffset? expiresAt);

    /// <summary>The tokens issued under this authorization that have not yet expired.</summary>
    Task<IReadOnlyList<string>> TokenIds();
}
