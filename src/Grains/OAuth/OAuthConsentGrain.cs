using UserManagement.Contracts.OAuth;

namespace UserManagement.Grains.OAuth;

/// <summary>
/// The remembered consents of one user for one client. The sign-in page creates a permanent authorization only when
/// none is valid for the scopes asked, so the list is short; it is capped all the same.
/// </summary>
public sealed class OAuthConsentGrain(
    [PersistentState("consent", OAuthEntityGrain<OAuthAuthorization>.StorageName)] IPersistentState<OAuthConsentState> stored) : Grain, IOAuthConsentGrain
{
    public const int MaxAuthorizations = 20;

    public Task<IReadOnlyList<string>> AuthorizationIds() => Task.FromResult<IReadOnlyList<string>>([.. stored.State.AuthorizationIds]);

    public async Task Add(string authorizationId)
    {
        var ids = stored.State.AuthorizationIds;
        if (ids.Contains(authorizationId))
        {
            return;
        }

        ids.Add(authorizationId);
        if (ids.Count > MaxAuthorizations)
        {
            ids.RemoveRange(0, ids.Count - MaxAuthorizations);
        }

        await stored.WriteStateAsync();
    }

    public async Task Remove(string authorizationId)
    {
        if (stored.State.AuthorizationIds.Remove(authorizationId))
        {
            await stored.WriteStateAsync();
        }
    }
}

[GenerateSerializer]
public sealed class OAuthConsentState
{
    [Id(0)] public List<string> AuthorizationIds { get; set; } = [];
}
