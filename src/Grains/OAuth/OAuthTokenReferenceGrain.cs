using UserManagement.Contracts.OAuth;

namespace UserManagement.Grains.OAuth;

public sealed class OAuthTokenReferenceGrain(
    [PersistentState("tokenReference", OAuthEntityGrain<OAuthToken>.StorageName)] IPersistentState<OAuthTokenReferenceState> stored,
    TimeProvider time) : Grain, IOAuthTokenReferenceGrain
{
    public async Task<string?> TokenId()
    {
        // Kept as long as the token it names (a day past its expiry), then forgotten with it.
        if (stored.State.TokenId is not null && stored.State.ExpiresAt?.AddDays(1) < time.GetUtcNow())
        {
            await stored.ClearStateAsync();
            stored.State = new OAuthTokenReferenceState();
        }

        return stored.State.TokenId;
    }

    public async Task<bool> Assign(string tokenId, DateTimeOffset? expiresAt)
    {
        var current = await TokenId();
        if (current is not null)
        {
            return current == tokenId;
        }

        stored.State = new OAuthTokenReferenceState { TokenId = tokenId, ExpiresAt = expiresAt };
        await stored.WriteStateAsync();
        return true;
    }

    public async Task Release(string tokenId)
    {
        if (await TokenId() == tokenId)
        {
            await stored.ClearStateAsync();
            stored.State = new OAuthTokenReferenceState();
        }
    }
}

[GenerateSerializer]
public sealed class OAuthTokenReferenceState
{
    [Id(0)] public string? TokenId { get; set; }

    [Id(1)] public DateTimeOffset? ExpiresAt { get; set; }
}
