using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using UserManagement.Tests.Infrastructure;

namespace UserManagement.Tests.OAuth;

[Collection(UserClusterCollection.Name)]
public sealed class DiscoveryTests(UserClusterFixture fixture)
{
    private readonly HttpClient _http = fixture.Gateway.CreateClient();

    [Theory]
    [InlineData("/.well-known/oauth-authorization-server")]
    [InlineData("/.well-known/openid-configuration")]
    public async Task Metadata_names_the_old_paths_and_advertises_only_what_is_supported(string path)
    {
        var metadata = (await _http.GetFromJsonAsync<JsonObject>(path))!;

        Assert.Equal(TestSettings.OAuthIssuer, metadata["issuer"]!.GetValue<string>());
        Assert.Equal("http://localhost/oauth/authorize", metadata["authorization_endpoint"]!.GetValue<string>());
        Assert.Equal("http://localhost/oauth/token", metadata["token_endpoint"]!.GetValue<string>());
        Assert.Equal("http://localhost/oauth/register", metadata["registration_endpoint"]!.GetValue<string>());
        Assert.Equal("http://localhost/oauth/revoke", metadata["revocation_endpoint"]!.GetValue<string>());
        Assert.Equal("http://localhost/oauth/introspect", metadata["introspection_endpoint"]!.GetValue<string>());
        Assert.Equal("http://localhost/oauth/userinfo", metadata["userinfo_endpoint"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(metadata["jwks_uri"]?.GetValue<string>()));
        Assert.Superset(new HashSet<string> { "openid", "profile", "email", "read", "write" }, Strings(metadata, "scopes_supported"));
        Assert.Equal(["code"], Strings(metadata, "response_types_supported"));
        Assert.Superset(new HashSet<string> { "authorization_code", "refresh_token", "client_credentials" }, Strings(metadata, "grant_types_supported"));
        Assert.DoesNotContain("implicit", Strings(metadata, "grant_types_supported"));
        Assert.Equal(["S256"], Strings(metadata, "code_challenge_methods_supported"));
    }

    [Fact]
    public async Task The_key_set_publishes_public_keys_only()
    {
        var metadata = (await _http.GetFromJsonAsync<JsonObject>("/.well-known/openid-configuration"))!;

        using var response = await _http.GetAsync(new Uri(metadata["jwks_uri"]!.GetValue<string>()).PathAndQuery);
        var keys = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"keys\"", keys, StringComparison.Ordinal);
        Assert.DoesNotContain("\"d\"", keys, StringComparison.Ordinal);
        Assert.DoesNotContain("\"k\"", keys, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_gateways_with_one_key_secret_publish_the_same_keys()
    {
        using var other = new GatewayFactory(fixture);

        var mine = await _http.GetStringAsync("/oauth/jwks");
        var theirs = await other.CreateClient().GetStringAsync("/oauth/jwks");

        Assert.Contains("\"kid\"", mine, StringComparison.Ordinal);
        Assert.Equal(mine, theirs);
    }

    [Fact]
    public void A_production_gateway_without_oauth_keys_refuses_to_start()
    {
        using var gateway = new GatewayFactory(fixture, new Dictionary<string, string?>
        {
            ["environment"] = "Production", ["OAuth:KeySecret"] = "",
        });

        var refusal = Assert.ThrowsAny<Exception>(() => gateway.CreateClient());

        Assert.Contains("OAuth:KeySecret", refusal.ToString(), StringComparison.Ordinal);
    }

    private static HashSet<string> Strings(JsonObject metadata, string name) =>
        [.. metadata[name]!.AsArray().Select(value => value!.GetValue<string>())];
}
