using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace UserManagement.Gateway.OAuth;

/// <summary>A client as the old service showed it (and RFC 7591 names it); never its secret.</summary>
public sealed record ClientView(
    [property: JsonPropertyName("client_id")] string ClientId,
    [property: JsonPropertyName("client_name")] string ClientName,
    [property: JsonPropertyName("redirect_uris")] IReadOnlyList<string> RedirectUris,
    [property: JsonPropertyName("grant_types")] IReadOnlyList<string> GrantTypes,
    [property: JsonPropertyName("response_types")] IReadOnlyList<string> ResponseTypes,
    [property: JsonPropertyName("scopes")] IReadOnlyList<string> Scopes,
    [property: JsonPropertyName("scope")] string Scope,
    [property: JsonPropertyName("token_endpoint_auth_method")] string TokenEndpointAuthMethod,
    [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt,
    [property: JsonPropertyName("updated_at")] DateTimeOffset UpdatedAt,
    [property: JsonPropertyName("client_id_issued_at")] long ClientIdIssuedAt,
    [property: JsonPropertyName("is_active")] bool IsActive)
{
    public static ClientView From(string clientId, ClientRegistrationApi.StoredRegistration record)
    {
        var metadata = record.Metadata;
        return new ClientView(
            clientId,
            metadata.ClientName,
            metadata.RedirectUris,
            metadata.GrantTypes,
            metadata.GrantTypes.Contains("authorization_code") ? ["code"] : [],
            metadata.Scopes,
            string.Join(' ', metadata.Scopes),
            metadata.TokenEndpointAuthMethod,
            record.CreatedAt,
            record.UpdatedAt,
            record.CreatedAt.ToUnixTimeSeconds(),
            IsActive: true);
    }
}

/// <summary>
/// The answer to a registration (RFC 7591 §3.2.1): the client's metadata at the top level, its secret (shown once;
/// confidential clients only) and the registration access token with the URI to manage it (RFC 7592).
/// </summary>
public static class RegisteredClient
{
    public static JsonObject Of(ClientView client, string? clientSecret, string registrationAccessToken, Uri registrationClientUri)
    {
        var answer = JsonSerializer.SerializeToNode(client)!.AsObject();
        if (clientSecret is not null)
        {
            answer["client_secret"] = clientSecret;
            answer["client_secret_expires_at"] = 0;
        }

        answer["registration_access_token"] = registrationAccessToken;
        answer["registration_client_uri"] = registrationClientUri.AbsoluteUri;
        return answer;
    }
}
