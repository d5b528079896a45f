using Microsoft.Extensions.Logging;
using UserManagement.Contracts.OAuth;

namespace UserManagement.Grains.OAuth;

public sealed class OAuthTokenGrain(
    [PersistentState("token", OAuthEntityGrain<OAuthToken>.StorageName)] IPersistentState<OAuthEntityState<OAuthToken>> stored,
    TimeProvider time,
    ILogger<OAuthTokenGrain> logger) : OAuthEntityGrain<OAuthToken>(stored, time, logger), IOAuthTokenGrain
{
    public const string Revoked = "revoked";

    public async Task<bool> Revoke()
    {
        var token = await Get();
        if (token is null || token.Status == Revoked)
        {
            return false;
        }

        token.Status = Revoked;
        token.ConcurrencyToken = Guid.NewGuid().ToString("N");
        await Save();
        return true;
    }
}
