using System.Runtime.CompilerServices;
using UserManagement.Contracts.OAuth;
using OpenIddict.Abstractions;

namespace UserManagement.Gateway.OAuth.Stores;

/// <summary>
/// Codes and tokens, one grain each, keyed by id; a second small grain per reference token, keyed by the hash of its
/// reference id, leads to it; the authorization a token was issued under lists it, so a family is revoked together.
/// </summary>
public sealed class GrainTokenStore(IGrainFactory grains)
    : GrainStore<OAuthToken, IOAuthTokenGrain>(grains), IOpenIddictTokenStore<OAuthToken>
{
    public async ValueTask CreateAsync(OAuthToken token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        token.Id = Guid.NewGuid().ToString("D");

        // Listed before it exists, so a token can never be issued outside the family that a reuse would revoke.
        if (token.AuthorizationId is { } authorizationId)
        {
            await Grains.GetGrain<IOAuthAuthorizationGrain>(authorizationId).AddToken(token.Id, token.ExpirationDate);
        }

        await CreateRecord(token);
        await AssignReference(token);
    }

    public override async ValueTask UpdateAsync(OAuthToken token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        await AssignReference(token);
        await base.UpdateAsync(token, cancellationToken);
    }

    public async ValueTask DeleteAsync(OAuthToken token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        await DeleteRecord(token);
        if (token.ReferenceId is { } referenceId)
        {
            await Grains.GetGrain<IOAuthTokenReferenceGrain>(referenceId).Release(token.Id!);
        }
    }

    public async ValueTask<OAuthToken?> FindByReferenceIdAsync(string identifier, CancellationToken cancellationToken)
    {
        if (!IsKey(identifier))
        {
            return null;
        }

        var tokenId = await Grains.GetGrain<IOAuthTokenReferenceGrain>(identifier).TokenId();
        var token = tokenId is null ? null : await Grain(tokenId).Get();
        return token?.ReferenceId == identifier ? token : null;
    }

    public async IAsyncEnumerable<OAuthToken> FindByAuthorizationIdAsync(string identifier, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var tokenId in await Grains.GetGrain<IOAuthAuthorizationGrain>(identifier).TokenIds())
        {
            if (await Grain(tokenId).Get() is { } token)
            {
                yield return token;
            }
        }
    }

    public async ValueTask<long> RevokeByAuthorizationIdAsync(string identifier, CancellationToken cancellationToken)
    {
        var tokenIds = await Grains.GetGrain<IOAuthAuthorizationGrain>(identifier).TokenIds();
        var revoked = await Task.WhenAll(tokenIds.Select(id => Grain(id).Revoke()));
        return revoked.Count(changed => changed);
    }

    // Look-ups by subject or client would need an index that grows with every token issued; nothing here makes them.
    public IAsyncEnumerable<OAuthToken> FindAsync(string? subject, string? client, string? status, string? type, CancellationToken cancellationToken) => throw NoScan();

    public IAsyncEnumerable<OAuthToken> FindByApplicationIdAsync(string identifier, CancellationToken cancellationToken) => throw NoScan();

    public IAsyncEnumerable<OAuthToken> FindBySubjectAsync(string subject, CancellationToken cancellationToken) => throw NoScan();

    public ValueTask<long> PruneAsync(DateTimeOffset threshold, CancellationToken cancellationToken) => throw NoScan();

    public ValueTask<long> RevokeAsync(string? subject, string? client, string? status, string? type, CancellationToken cancellationToken) => throw NoScan();

    public ValueTask<long> RevokeByApplicationIdAsync(string identifier, CancellationToken cancellationToken) => throw NoScan();

    public ValueTask<long> RevokeBySubjectAsync(string subject, CancellationToken cancellationToken) => throw NoScan();

    public ValueTask<string?> GetApplicationIdAsync(OAuthToken token, CancellationToken cancellationToken) => new(token.ApplicationId);

    public ValueTask<string?> GetAuthorizationIdAsync(OAuthToken token, CancellationToken cancellationToken) => new(token.AuthorizationId);

    public ValueTask<DateTimeOffset?> GetCreationDateAsync(OAuthToken token, CancellationToken cancellationToken) => new(token.CreationDate);

    public ValueTask<DateTimeOffset?> GetExpirationDateAsync(OAuthToken token, CancellationToken cancellationToken) => new(token.ExpirationDate);

    public ValueTask<string?> GetPayloadAsync(OAuthToken token, CancellationToken cancellationToken) => new(token.Payload);

    public ValueTask<DateTimeOffset?> GetRedemptionDateAsync(OAuthToken token, CancellationToken cancellationToken) => new(token.RedemptionDate);

    public ValueTask<string?> GetReferenceIdAsync(OAuthToken token, CancellationToken cancellationToken) => new(token.ReferenceId);

    public ValueTask<string?> GetStatusAsync(OAuthToken token, CancellationToken cancellationToken) => new(token.Status);

    public ValueTask<string?> GetSubjectAsync(OAuthToken token, CancellationToken cancellationToken) => new(token.Subject);

    public ValueTask<string?> GetTypeAsync(OAuthToken token, CancellationToken cancellationToken) => new(token.Type);

    public ValueTask SetApplicationIdAsync(OAuthToken token, string? identifier, CancellationToken cancellationToken) => Set(() => token.ApplicationId = identifier);

    public ValueTask SetAuthorizationIdAsync(OAuthToken token, string? identifier, CancellationToken cancellationToken) => Set(() => token.AuthorizationId = identifier);

    public ValueTask SetCreationDateAsync(OAuthToken token, DateTimeOffset? date, CancellationToken cancellationToken) => Set(() => token.CreationDate = date);

    public ValueTask SetExpirationDateAsync(OAuthToken token, DateTimeOffset? date, CancellationToken cancellationToken) => Set(() => token.ExpirationDate = date);

    public ValueTask SetPayloadAsync(OAuthToken token, string? payload, CancellationToken cancellationToken) => Set(() => token.Payload = payload);

    public ValueTask SetRedemptionDateAsync(OAuthToken token, DateTimeOffset? date, CancellationToken cancellationToken) => Set(() => token.RedemptionDate = date);

    public ValueTask SetReferenceIdAsync(OAuthToken token, string? identifier, CancellationToken cancellationToken) => Set(() => token.ReferenceId = identifier);

    public ValueTask SetStatusAsync(OAuthToken token, string? status, CancellationToken cancellationToken) => Set(() => token.Status = status);

    public ValueTask SetSubjectAsync(OAuthToken token, string? subject, CancellationToken cancellationToken) => Set(() => token.Subject = subject);

    public ValueTask SetTypeAsync(OAuthToken token, string? type, CancellationToken cancellationToken) => Set(() => token.Type = type);

    private async Task AssignReference(OAuthToken token)
    {
        if (token.ReferenceId is { } referenceId
            && !await Grains.GetGrain<IOAuthTokenReferenceGrain>(referenceId).Assign(token.Id!, token.ExpirationDate))
        {
            throw new OpenIddictExceptions.ConcurrencyException("The reference id names another token.");
        }
    }
}
