using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using UserManagement.Tests.Infrastructure;

namespace UserManagement.Tests.OAuth;

/// <summary>Registration (RFC 7591) and management (RFC 7592): open to register, closed to everyone but the client and administrators after.</summary>
[Collection(UserClusterCollection.Name)]
public sealed class ClientManagementTests(UserClusterFixture fixture)
{
    private readonly OAuthTestClient _oauth = new(fixture);
    private readonly GatewayClient _gateway = new(fixture.Gateway.CreateClient());

    [Theory]
    [InlineData("/oauth/register")]
    [InlineData("/oauth/client")]
    public async Task Registration_answers_201_with_the_client_and_its_secret_once(string path)
    {
        using var response = await _oauth.Backchannel.PostAsJsonAsync(path, new Dictionary<string, object>
        {
            ["client_name"] = "Claude", ["redirect_uris"] = new[] { "https://claude.example/callback" },
            ["grant_types"] = new[] { "authorization_code", "refresh_token" }, ["response_types"] = new[] { "code" },
        });
        var client = (await response.Content.ReadFromJsonAsync<JsonObject>())!;

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.False(string.IsNullOrEmpty(client["client_id"]!.GetValue<string>()));
        Assert.False(string.IsNullOrEmpty(client["client_secret"]!.GetValue<string>()));
        Assert.Equal("Claude", client["client_name"]!.GetValue<string>());
        Assert.Equal("https://claude.example/callback", client["redirect_uris"]![0]!.GetValue<string>());
        Assert.Contains("read", client["scopes"]!.AsArray().Select(s => s!.GetValue<string>()));
        Assert.NotNull(client["created_at"]);
        Assert.NotNull(client["grant_types"]);
        Assert.NotNull(response.Headers.Location);

        var stored = await Read(client["client_id"]!.GetValue<string>(), client["registration_access_token"]!.GetValue<string>());
        Assert.DoesNotContain(client["client_secret"]!.GetValue<string>(), stored.ToJsonString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://shop.example/callback")]
    [InlineData("javascript:alert(1)")]
    [InlineData("https://shop.example/callback#fragment")]
    [InlineData("/relative")]
    [InlineData("ftp://localhost/callback")]
    public async Task Redirect_uris_must_be_https_or_loopback(string redirectUri)
    {
        using var response = await _oauth.Backchannel.PostAsJsonAsync("/oauth/register", new Dictionary<string, object>
        {
            ["client_name"] = "Bad", ["redirect_uris"] = new[] { redirectUri },
        });
        var problem = (await response.Content.ReadFromJsonAsync<JsonObject>())!;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_redirect_uri", problem["error"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("http://localhost:3000/callback")]
    [InlineData("http://127.0.0.1:53682/callback")]
    [InlineData("http://[::1]:8080/cb")]
    public async Task Loopback_redirect_uris_are_accepted(string redirectUri)
    {
        var client = await _oauth.Register(redirectUri);

        Assert.False(string.IsNullOrEmpty(client.ClientId));
    }

    [Fact]
    public async Task Managing_a_client_without_credentials_is_refused_and_changes_nothing()
    {
        var client = await _oauth.Register();

        using var read = await Send(HttpMethod.Get, client.ClientId, token: null);
        using var change = await Send(HttpMethod.Put, client.ClientId, token: null, Metadata("Taken over", "https://attacker.example/cb"));
        using var delete = await Send(HttpMethod.Delete, client.ClientId, token: null);
        using var forged = await Send(HttpMethod.Delete, client.ClientId, token: "forged-registration-token");
        var user = await _oauth.NewUser();
        using var someoneElse = await Send(HttpMethod.Get, client.ClientId, await _gateway.TokenFor(user.Registration.EmailAddress, user.Registration.Password));

        Assert.All([read, change, delete, forged, someoneElse], response => Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode));
        var stored = await Read(client.ClientId, client.RegistrationAccessToken);
        Assert.Equal("Test MCP client", stored["client_name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Another_clients_registration_token_opens_nothing()
    {
        var victim = await _oauth.Register();
        var attacker = await _oauth.Register();

        using var read = await Send(HttpMethod.Get, victim.ClientId, attacker.RegistrationAccessToken);

        Assert.Equal(HttpStatusCode.Unauthorized, read.StatusCode);
    }

    [Fact]
    public async Task The_registration_token_reads_changes_and_deletes_its_client()
    {
        var client = await _oauth.Register();

        using var read = await Send(HttpMethod.Get, client.ClientId, client.RegistrationAccessToken);
        using var change = await Send(HttpMethod.Put, client.ClientId, client.RegistrationAccessToken, Metadata("Renamed", "https://renamed.example/cb"));
        var changed = (await change.Content.ReadFromJsonAsync<JsonObject>())!["data"]!;
        using var delete = await Send(HttpMethod.Delete, client.ClientId, client.RegistrationAccessToken);
        using var gone = await Send(HttpMethod.Get, client.ClientId, client.RegistrationAccessToken);

        var shown = (await read.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal("", shown["message"]!.GetValue<string>());
        var data = shown["data"]!;
        foreach (var field in new[] { "client_id", "client_name", "redirect_uris", "grant_types", "scopes", "token_endpoint_auth_method", "created_at", "updated_at", "is_active" })
        {
            Assert.NotNull(data[field]);
        }

        Assert.Null(data["client_secret"]);
        Assert.Equal(HttpStatusCode.OK, change.StatusCode);
        Assert.Equal("Renamed", changed["client_name"]!.GetValue<string>());
        Assert.Equal("https://renamed.example/cb", changed["redirect_uris"]![0]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, gone.StatusCode);
    }

    [Fact]
    public async Task An_administrator_manages_any_client_and_learns_when_one_does_not_exist()
    {
        var client = await _oauth.Register();
        var admin = await _gateway.TokenFor(TestSettings.AdminEmailAddress, TestSettings.AdminPassword);

        using var read = await Send(HttpMethod.Get, client.ClientId, admin);
        using var delete = await Send(HttpMethod.Delete, client.ClientId, admin);
        using var gone = await Send(HttpMethod.Get, client.ClientId, admin);

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task A_deleted_client_can_no_longer_start_a_sign_in()
    {
        var client = await _oauth.Register();
        using var delete = await Send(HttpMethod.Delete, client.ClientId, client.RegistrationAccessToken);

        using var page = await _oauth.Browser.GetAsync(new AuthorizationRequestBuilder(client).BuildPath());

        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
    }

    private async Task<JsonObject> Read(string clientId, string token)
    {
        using var response = await Send(HttpMethod.Get, clientId, token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["data"]!.AsObject();
    }

    private Task<HttpResponseMessage> Send(HttpMethod method, string clientId, string? token, object? body = null)
    {
        var request = new HttpRequestMessage(method, $"/oauth/client/{Uri.EscapeDataString(clientId)}");
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return _oauth.Backchannel.SendAsync(request);
    }

    private static Dictionary<string, object> Metadata(string name, string redirectUri) => new()
    {
        ["client_name"] = name, ["redirect_uris"] = new[] { redirectUri },
    };
}
