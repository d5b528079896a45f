using Microsoft.AspNetCore.Authentication;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using UserManagement.Gateway.Authentication;
using UserManagement.Contracts.Users;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace UserManagement.Gateway.OAuth;

/// <summary>
/// <c>GET/POST /oauth/userinfo</c> (OpenID Connect UserInfo): OpenIddict has checked the access token and that it is
/// still valid (not revoked); the answer is the user as stored now, with what the token's scopes allow.
/// </summary>
public static class UserInfoEndpoint
{
    public static async Task<IResult> Handle(HttpContext http, IGrainFactory grains)
    {
        var principal = (await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme)).Principal;
        var userId = principal?.GetClaim(Claims.Subject);
        var user = userId is null ? null : await grains.GetUser(userId).GetDetails();
        if (principal is null || user is null)
        {
            return Results.Challenge(
                new AuthenticationProperties(new Dictionary<string, string?>
                {
                    [OpenIddictServerAspNetCoreConstants.Properties.Error] = Errors.InvalidToken,
                    [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = "The access token does not name a user.",
                }),
                [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
        }

        var claims = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            [Claims.Subject] = user.UserId,
            [TokenClaims.UserType] = user.Tier.ToWireName(),
        };
        if (principal.HasScope(Scopes.Profile))
        {
            claims[Claims.Name] = $"{user.FirstName} {user.LastName}";
            claims[Claims.GivenName] = user.FirstName;
            claims[Claims.FamilyName] = user.LastName;
        }

        if (principal.HasScope(Scopes.Email))
        {
            claims[Claims.Email] = user.EmailAddress;

            // The shop never confirms addresses: saying so keeps clients from trusting one it did not check.
            claims[Claims.EmailVerified] = false;
        }

        return Results.Ok(claims);
    }
}
