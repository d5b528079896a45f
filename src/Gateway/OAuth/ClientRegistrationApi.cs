using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using UserManagement.Gateway.Authentication;
using UserManagement.Gateway.Common;
using UserManagement.Contracts.Users;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace UserManagement.Gateway.OAuth;

/// <summary>
/// Dynamic client registration (RFC 7591) and client management (RFC 7592) on the old service's paths. Anyone may
/// register (an MCP client registers itself); reading, changing or deleting a client takes the registration access
/// token issued with it, or an administrator's token. Secrets and registration tokens are shown once and stored hashed.
/// </summary>
public static class ClientRegistrationApi
{
    private const string RegistrationProperty = "registration";

    public static RouteGroupBuilder MapClientRegistrationApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/oauth").WithTags("OAuth");
        api.MapPost("/register", Register)
            .WithSummary("Register a client (RFC 7591)")
            .Produces<ClientView>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest);
        api.MapPost("/client", Register)
            .WithSummary("Register a client (RFC 7591; the same as /oauth/register)")
            .Produces<ClientView>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest);
        api.MapGet("/client/{clientId}", Read)
            .WithSummary("Read a client (RFC 7592): its registration access token or an administrator's token")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPut("/client/{clientId}", Update)
            .WithSummary("Change a client's metadata (RFC 7592)")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapDelete("/client/{clientId}", Delete)
            .WithSummary("Delete a client (RFC 7592)")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<Results<Created<JsonObject>, ProblemHttpResult>> Register(
        ClientRegistrationRequest request, IOpenIddictApplicationManager applications, IOptions<OAuthOptions> options, TimeProvider time)
    {
        var (metadata, error, description) = ClientMetadata.Read(request);
        if (metadata is null)
        {
            return InvalidMetadata(error!, description!);
        }

        var clientId = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(16));
        var clientSecret = metadata.IsConfidential ? Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32)) : null;
        var registrationToken = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        var now = time.GetUtcNow();
        var record = new StoredRegistration(metadata, Hash(registrationToken), now, now);

        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = clientId,
            ClientSecret = clientSecret,
            ClientType = metadata.IsConfidential ? ClientTypes.Confidential : ClientTypes.Public,
            ApplicationType = ApplicationTypes.Web,
            ConsentType = ConsentTypes.Explicit,
        };
        Describe(descriptor, record);
        await applications.CreateAsync(descriptor);

        var client = ClientView.From(clientId, record);
        var location = new Uri(options.Value.Issuer!, $"oauth/client/{clientId}");
        return TypedResults.Created(location, RegisteredClient.Of(client, clientSecret, registrationToken, location));
    }

    private static async Task<Results<Ok<ApiResponse<ClientView>>, ProblemHttpResult>> Read(
        string clientId, HttpContext http, IOpenIddictApplicationManager applications)
    {
        var (application, record, refused) = await Authorize(http, clientId, applications);
        return refused is not null
            ? refused
            : TypedResults.Ok(new ApiResponse<ClientView>(ClientView.From((await applications.GetClientIdAsync(application!))!, record!)));
    }

    private static async Task<Results<Ok<ApiResponse<ClientView>>, ProblemHttpResult>> Update(
        string clientId, ClientRegistrationRequest request, HttpContext http, IOpenIddictApplicationManager applications, TimeProvider time)
    {
        var (application, record, refused) = await Authorize(http, clientId, applications);
        if (refused is not null)
        {
            return refused;
        }

        var (metadata, error, description) = ClientMetadata.Read(request);
        if (metadata is null)
        {
            return InvalidMetadata(error!, description!);
        }

        // A public client cannot become confidential here, nor the reverse: it has no secret to authenticate with.
        if (metadata.IsConfidential != record!.Metadata.IsConfidential)
        {
            return InvalidMetadata("invalid_client_metadata", "token_endpoint_auth_method cannot change between none and a secret; register a new client.");
        }

        var updated = record with { Metadata = metadata, UpdatedAt = time.GetUtcNow() };
        var descriptor = new OpenIddictApplicationDescriptor();
        await applications.PopulateAsync(descriptor, application!);
        Describe(descriptor, updated);
        await applications.UpdateAsync(application!, descriptor);
        return TypedResults.Ok(new ApiResponse<ClientView>(ClientView.From(descriptor.ClientId!, updated)));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(
        string clientId, HttpContext http, IOpenIddictApplicationManager applications)
    {
        var (application, _, refused) = await Authorize(http, clientId, applications);
        if (refused is not null)
        {
            return refused;
        }

        await applications.DeleteAsync(application!);
        return TypedResults.NoContent();
    }

    /// <summary>
    /// The client, when the caller holds its registration access token or is an administrator. Anyone else learns
    /// nothing, not even whether the client exists: the same 401 either way.
    /// </summary>
    private static async Task<(object? Application, StoredRegistration? Record, ProblemHttpResult? Refused)> Authorize(
        HttpContext http, string clientId, IOpenIddictApplicationManager applications)
    {
        var application = clientId.Length <= 100 && !string.IsNullOrWhiteSpace(clientId) ? await applications.FindByClientIdAsync(clientId) : null;
        var record = application is null ? null : Registration(await applications.GetPropertiesAsync(application));
        var header = http.Request.Headers.Authorization.ToString();
        var bearer = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;

        if (record is not null && bearer is { Length: > 0 }
            && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(bearer)), Encoding.ASCII.GetBytes(record.RegistrationTokenHash)))
        {
            return (application, record, null);
        }

        var caller = await http.AuthenticateAsync(JwtBearerDefaults.AuthenticationScheme);
        if (caller.Principal?.HasClaim(TokenClaims.UserType, UserTierNames.Admin) == true)
        {
            return record is null
                ? (null, null, TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Client not found"))
                : (application, record, null);
        }

        http.Response.Headers.WWWAuthenticate = bearer is null ? "Bearer" : "Bearer error=\"invalid_token\"";
        return (null, null, TypedResults.Problem(
            statusCode: StatusCodes.Status401Unauthorized,
            title: "Authentication required",
            detail: "Send the client's registration access token, or an administrator's token, as a bearer token."));
    }

    private static void Describe(OpenIddictApplicationDescriptor descriptor, StoredRegistration record)
    {
        var metadata = record.Metadata;
        descriptor.DisplayName = metadata.ClientName;
        descriptor.RedirectUris.Clear();
        foreach (var uri in metadata.RedirectUris)
        {
            descriptor.RedirectUris.Add(new Uri(uri, UriKind.Absolute));
        }

        descriptor.Permissions.Clear();
        descriptor.Permissions.Add(Permissions.Endpoints.Token);
        descriptor.Permissions.Add(Permissions.Endpoints.Revocation);
        if (metadata.IsConfidential)
        {
            descriptor.Permissions.Add(Permissions.Endpoints.Introspection);
        }

        if (metadata.GrantTypes.Contains(GrantTypes.AuthorizationCode))
        {
            descriptor.Permissions.Add(Permissions.Endpoints.Authorization);
            descriptor.Permissions.Add(Permissions.ResponseTypes.Code);
        }

        foreach (var grantType in metadata.GrantTypes)
        {
            descriptor.Permissions.Add(Permissions.Prefixes.GrantType + grantType);
        }

        foreach (var scope in metadata.Scopes)
        {
            descriptor.Permissions.Add(Permissions.Prefixes.Scope + scope);
        }

        descriptor.Requirements.Clear();
        descriptor.Requirements.Add(Requirements.Features.ProofKeyForCodeExchange);
        descriptor.Properties[RegistrationProperty] = JsonSerializer.SerializeToElement(record);
    }

    private static StoredRegistration? Registration(System.Collections.Immutable.ImmutableDictionary<string, JsonElement> properties) =>
        properties.TryGetValue(RegistrationProperty, out var stored) ? stored.Deserialize<StoredRegistration>() : null;

    private static string Hash(string token) => Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>Problem details that RFC 7591 clients read too: <c>error</c> and <c>error_description</c> alongside.</summary>
    private static ProblemHttpResult InvalidMetadata(string error, string description) => TypedResults.Problem(
        statusCode: StatusCodes.Status400BadRequest,
        title: "The client metadata is not valid.",
        detail: description,
        extensions: new Dictionary<string, object?> { ["error"] = error, ["error_description"] = description });

    /// <summary>What is kept of a registration beyond what OpenIddict itself keeps.</summary>
    public sealed record StoredRegistration(ClientMetadata Metadata, string RegistrationTokenHash, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);
}
