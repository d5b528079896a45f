using Microsoft.AspNetCore.Authentication;
using OpenIddict.Server.AspNetCore;

namespace UserManagement.Gateway.OAuth;

/// <summary>
/// Offers OpenIddict's server handler only for requests to its endpoints (under <c>/oauth</c> and <c>/.well-known</c>).
/// Authentication asks it about every request whether it is one of them, comparing the path with each endpoint's
/// absolute URI, which a profile showed costing as much as the rest of a read's pipeline; for any other path the answer
/// is no without asking. Every other scheme, and OpenIddict's on its own paths, is served as before.
/// </summary>
internal sealed class OAuthRequestsOnly(IAuthenticationSchemeProvider schemes) : IAuthenticationHandlerProvider
{
    private readonly AuthenticationHandlerProvider _handlers = new(schemes);

    public Task<IAuthenticationHandler?> GetHandlerAsync(HttpContext context, string authenticationScheme) =>
        authenticationScheme == OpenIddictServerAspNetCoreDefaults.AuthenticationScheme && !IsOAuthPath(context.Request.Path)
            ? Task.FromResult<IAuthenticationHandler?>(null)
            : _handlers.GetHandlerAsync(context, authenticationScheme);

    private static bool IsOAuthPath(PathString path) =>
        path.StartsWithSegments("/oauth", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/.well-known", StringComparison.OrdinalIgnoreCase);
}
