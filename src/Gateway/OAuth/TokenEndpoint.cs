using System.Security.Claims;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using UserManagement.Gateway.Authentication;
using UserManagement.Contracts.Users;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace UserManagement.Gateway.OAuth;

/// <summary>
/// <c>POST /oauth/token</c> once OpenIddict has authenticated the client and checked the grant (a code bound to this
/// client, redirect URI and PKCE verifier; a refresh token not yet used): the user is read again, so a tier changed
/// since the sign-in is what the new access token says, and a user who no longer exists gets nothing.
/// </summary>
public static class TokenEndpoint
{
    public static async Task<IResult> Handle(HttpContext http, IGrainFactory grains, IOptions<JwtOptions> jwt)
    {
        var request = http.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("The OpenIddict server request is missing.");

        if (request.IsClientCredentialsGrantType())
        {
            // The client acts for itself: its id is the subject, and it has no tier, so no user's data is open to it.
            var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
            identity.SetClaim(Claims.Subject, request.ClientId);
            identity.SetScopes(request.GetScopes().Where(scope => scope is not Scopes.OpenId and not Scopes.OfflineAccess));
            identity.SetResources(jwt.Value.Audience);
            identity.SetDestinations(OAuthClaims.Destinations);
            return Results.SignIn(new ClaimsPrincipal(identity), properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }

        var granted = (await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme)).Principal
            ?? throw new InvalidOperationException("OpenIddict validated a grant without a principal.");
        var userId = granted.GetClaim(Claims.Subject);
        var user = userId is null ? null : await grains.GetUser(userId).GetDetails();
        if (user is null)
        {
            return Results.Forbid(
                new AuthenticationProperties(new Dictionary<string, string?>
                {
                    [OpenIddictServerAspNetCoreConstants.Properties.Error] = Errors.InvalidGrant,
                    [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = "The user of this grant no longer exists.",
                }),
                [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
        }

        var refreshed = new ClaimsIdentity(granted.Claims, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
        refreshed.SetClaim(TokenClaims.UserType, user.Tier.ToWireName());
        refreshed.SetDestinations(OAuthClaims.Destinations);
        return Results.SignIn(new ClaimsPrincipal(refreshed), properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }
}
