using Microsoft.Extensions.Logging;
using UserManagement.Contracts.OAuth;

namespace UserManagement.Grains.OAuth;

/// <summary>
/// An authorization and the tokens issued under it (its family): a reused refresh token revokes them all. The list
/// stays bounded: expired tokens leave it as new ones come, and at most <see cref="MaxListedTokens"/> are kept (the
/// oldest go first; the newest are the ones still in use).
/// </summary>
public sealed class OAuthAuthorizationGrain(
    [PersistentState("authorization", OAuthEntityGrain<OAuthAuthorization>.StorageName)] IPersistentState<OAuthEntityState<OAuthAuthorization>> stored,
    TimeProvider time,
    ILogger<OAuthAuthorizationGrain> logger) : OAuthEntityGrain<OAuthAuthorization>(stored, time, logger), IOAuthAuthorizationGrain
{
    /// <summary>About 100 bytes each: a family refreshed hourly for two weeks lists ~700, well under DynamoDB's 400 KB.</summary>
    public const int MaxListedTokens = 1_000;

    public async Task AddToken(string tokenId, DateTimeOffset? expiresAt)
    {
        ArgumentException.ThrowIfNullOrEmpty(tokenId);
        var authorization = await Get();
        if (authorization is null)
        {
            return;
        }

        var tokens = State.Tokens;
        tokens.RemoveAll(t => t.ExpiresAt < Now || t.TokenId == tokenId);
        tokens.Add(new IssuedToken(tokenId, expiresAt));
        if (tokens.Count > MaxListedTokens)
        {
            tokens.RemoveRange(0, tokens.Count - MaxListedTokens);
        }

        if (expiresAt > authorization.LastTokenExpiresAt || authorization.LastTokenExpiresAt is null)
        {
            authorization.LastTokenExpiresAt = expiresAt;
        }

        await Save();
    }

    public async Task<IReadOnlyList<string>> TokenIds()
    {
        await Get();
        return [.. State.Tokens.Where(t => t.ExpiresAt is null || t.ExpiresAt >= Now).Select(t => t.TokenId)];
    }
}
