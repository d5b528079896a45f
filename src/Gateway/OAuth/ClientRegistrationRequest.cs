using System.Text.Json.Serialization;

namespace UserManagement.Gateway.OAuth;

/// <summary>Client metadata as RFC 7591 names it, in <c>POST /oauth/register</c> and <c>PUT /oauth/client/{clientId}</c>.</summary>
public sealed record ClientRegistrationRequest(
    [property: JsonPropertyName("client_name")] string? ClientName,
    [property: JsonPropertyName("redirect_uris")] List<string>? RedirectUris,
    [property: JsonPropertyName("grant_types")] List<string>? GrantTypes,
    [property: JsonPropertyName("response_types")] List<string>? ResponseTypes,
    [property: JsonPropertyName("token_endpoint_auth_method")] string? TokenEndpointAuthMethod,
    [property: JsonPropertyName("scope")] string? Scope);
