using System.Net;
using static OpenIddict.Abstractions.OpenIddictConstants;
using Grants = OpenIddict.Abstractions.OpenIddictConstants.GrantTypes;

namespace UserManagement.Gateway.OAuth;

/// <summary>
/// Registered client metadata, checked: redirect URIs are https, or http on a loopback host (OAuth 2.1: localhost,
/// 127.0.0.1, [::1]), matched exactly later; only the code flow, refresh and client credentials; a client that
/// authenticates with a secret is confidential, one with <c>none</c> public (PKCE protects its codes).
/// </summary>
public sealed record ClientMetadata(
    string ClientName,
    IReadOnlyList<string> RedirectUris,
    IReadOnlyList<string> GrantTypes,
    string TokenEndpointAuthMethod,
    IReadOnlyList<string> Scopes)
{
    public const int MaxRedirectUris = 10;
    public const int MaxUriLength = 2_000;
    public const int MaxNameLength = 200;

    private static readonly string[] SupportedGrantTypes =
        [Grants.AuthorizationCode, Grants.RefreshToken, Grants.ClientCredentials];

    private static readonly string[] AuthMethods =
        [ClientAuthenticationMethods.ClientSecretBasic, ClientAuthenticationMethods.ClientSecretPost, ClientAuthenticationMethods.None];

    public bool IsConfidential => TokenEndpointAuthMethod != ClientAuthenticationMethods.None;

    /// <summary>The metadata, or the RFC 7591 error code and a description of what is wrong.</summary>
    public static (ClientMetadata? Metadata, string? Error, string? Description) Read(ClientRegistrationRequest request)
    {
        var grantTypes = request.GrantTypes is { Count: > 0 } given
            ? given.Distinct(StringComparer.Ordinal).ToList()
            : [Grants.AuthorizationCode, Grants.RefreshToken];
        if (grantTypes.Any(g => !SupportedGrantTypes.Contains(g)))
        {
            return Invalid("Only the grant types authorization_code, refresh_token and client_credentials are supported.");
        }

        if (request.ResponseTypes is { Count: > 0 } responseTypes && responseTypes.Any(r => r != ResponseTypes.Code))
        {
            return Invalid("Only the response type 'code' is supported.");
        }

        var authMethod = request.TokenEndpointAuthMethod ?? ClientAuthenticationMethods.ClientSecretBasic;
        if (!AuthMethods.Contains(authMethod))
        {
            return Invalid("token_endpoint_auth_method must be client_secret_basic, client_secret_post or none.");
        }

        if (authMethod == ClientAuthenticationMethods.None && grantTypes.Contains(Grants.ClientCredentials))
        {
            return Invalid("client_credentials needs a client that authenticates with a secret.");
        }

        var scopes = string.IsNullOrWhiteSpace(request.Scope)
            ? OAuthScopes.Names.ToList()
            : request.Scope.Split(' ', StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal).ToList();
        if (scopes.Any(s => OAuthScopes.Find(s) is null))
        {
            return Invalid("A scope asked for is not offered; see scopes_supported in the server metadata.");
        }

        var redirectUris = request.RedirectUris ?? [];
        var usesRedirects = grantTypes.Contains(Grants.AuthorizationCode);
        if (usesRedirects && redirectUris.Count == 0)
        {
            return (null, "invalid_redirect_uri", "At least one redirect URI is required for the authorization code flow.");
        }

        if (redirectUris.Count > MaxRedirectUris || redirectUris.Any(uri => !IsAllowedRedirectUri(uri)))
        {
            return (null, "invalid_redirect_uri",
                $"Redirect URIs (at most {MaxRedirectUris}) must be absolute https:// URIs, or http:// on localhost, 127.0.0.1 or [::1], without a fragment.");
        }

        var name = request.ClientName?.Trim();
        if (name is { Length: > MaxNameLength } || (name is not null && name.Any(char.IsControl)))
        {
            return Invalid($"client_name must be at most {MaxNameLength} characters, without control characters.");
        }

        return (new ClientMetadata(string.IsNullOrEmpty(name) ? "Unnamed application" : name, [.. redirectUris.Distinct(StringComparer.Ordinal)], grantTypes, authMethod, scopes), null, null);
    }

    public static bool IsAllowedRedirectUri(string? value)
    {
        if (value is null || value.Length > MaxUriLength || !Uri.TryCreate(value, UriKind.Absolute, out var uri)
            || !string.IsNullOrEmpty(uri.Fragment) || value.Contains('#', StringComparison.Ordinal) || !string.IsNullOrEmpty(uri.UserInfo))
        {
            return false;
        }

        return uri.Scheme == Uri.UriSchemeHttps
            || (uri.Scheme == Uri.UriSchemeHttp && (uri.Host == "localhost" || (IPAddress.TryParse(uri.Host, out var address) && IPAddress.IsLoopback(address))));
    }

    private static (ClientMetadata?, string?, string?) Invalid(string description) => (null, "invalid_client_metadata", description);
}
