using System.Security.Claims;
using UserManagement.Gateway.Authentication;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace UserManagement.Gateway.OAuth;

/// <summary>Which token each claim goes into: access tokens carry what <c>/login</c> tokens carry, identity tokens what the scopes allow.</summary>
public static class OAuthClaims
{
    public static IEnumerable<string> Destinations(Claim claim) => claim.Type switch
    {
        Claims.Subject => [OpenIddict.Abstractions.OpenIddictConstants.Destinations.AccessToken, OpenIddict.Abstractions.OpenIddictConstants.Destinations.IdentityToken],
        TokenClaims.UserType => [OpenIddict.Abstractions.OpenIddictConstants.Destinations.AccessToken],
        Claims.Email when HasScope(claim, Scopes.Email) => [OpenIddict.Abstractions.OpenIddictConstants.Destinations.IdentityToken],
        Claims.GivenName or Claims.FamilyName when HasScope(claim, Scopes.Profile) => [OpenIddict.Abstractions.OpenIddictConstants.Destinations.IdentityToken],
        _ => [],
    };

    private static bool HasScope(Claim claim, string scope) =>
        claim.Subject is { } identity && OpenIddict.Abstractions.OpenIddictExtensions.HasScope(identity, scope);
}
