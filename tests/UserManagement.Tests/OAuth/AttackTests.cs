using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;
using UserManagement.Tests.Infrastructure;

namespace UserManagement.Tests.OAuth;

/// <summary>Each hole of the old service, tried: none of them yields a code or a token.</summary>
[Collection(UserClusterCollection.Name)]
public sealed class AttackTests(UserClusterFixture fixture)
{
    private readonly OAuthTestClient _oauth = new(fixture);

    [Fact]
    public async Task The_form_posted_without_its_antiforgery_token_is_refused()
    {
        var client = await _oauth.Register();
        var (_, user) = await _oauth.NewUser();
        var fields = await _oauth.OpenSignInPage(new AuthorizationRequestBuilder(client));
        fields.Remove("__RequestVerificationToken");
        fields["email_address"] = user.EmailAddress;
        fields["password"] = user.Password;

        using var answer = await _oauth.Submit(fields);

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Null(answer.Headers.Location);
    }

    [Fact]
    public async Task The_form_posted_without_its_antiforgery_cookie_is_refused()
    {
        var client = await _oauth.Register();
        var (_, user) = await _oauth.NewUser();
        var fields = await _oauth.OpenSignInPage(new AuthorizationRequestBuilder(client));
        fields["email_address"] = user.EmailAddress;
        fields["password"] = user.Password;

        // Another browser: the page's token, but not its cookie (what a cross-site form post would send).
        using var stranger = fixture.Gateway.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var answer = await _oauth.Submit(fields, stranger);

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Null(answer.Headers.Location);
    }

    [Fact]
    public async Task The_old_unauthenticated_json_variant_issues_no_code()
    {
        var client = await _oauth.Register();
        var (userId, _) = await _oauth.NewUser();
        var request = new AuthorizationRequestBuilder(client);

        using var answer = await _oauth.Browser.PostAsJsonAsync(request.BuildPath(), new Dictionary<string, string> { ["user_id"] = userId });

        Assert.True(answer.Headers.Location is null || !OAuthTestClient.Query(answer.Headers.Location).ContainsKey("code"));
        Assert.True((int)answer.StatusCode >= 400, $"{(int)answer.StatusCode}");
    }

    [Fact]
    public async Task A_code_used_twice_is_refused_and_revokes_what_it_bought()
    {
        var client = await _oauth.Register();
        var (request, code) = await _oauth.NewCode(client);
        using var first = await _oauth.RedeemCode(client, code, request.Pkce.Verifier);
        var accessToken = (await first.Content.ReadFromJsonAsync<JsonObject>())!["access_token"]!.GetValue<string>();

        using var second = await _oauth.RedeemCode(client, code, request.Pkce.Verifier);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        await AssertOAuthError(second, HttpStatusCode.BadRequest, "invalid_grant");
        Assert.False((await _oauth.Introspect(client, accessToken))["active"]!.GetValue<bool>());
    }

    [Fact]
    public async Task A_code_redeemed_by_another_client_is_refused()
    {
        var victim = await _oauth.Register();
        var attacker = await _oauth.Register();
        var (request, code) = await _oauth.NewCode(victim);

        using var stolen = await _oauth.RedeemCode(attacker with { RedirectUri = victim.RedirectUri }, code, request.Pkce.Verifier);

        await AssertOAuthError(stolen, HttpStatusCode.BadRequest, "invalid_grant");
    }

    [Fact]
    public async Task A_wrong_pkce_verifier_is_refused()
    {
        var client = await _oauth.Register();
        var (request, code) = await _oauth.NewCode(client);

        using var answer = await _oauth.RedeemCode(client, code, Pkce.New().Verifier);

        await AssertOAuthError(answer, HttpStatusCode.BadRequest, "invalid_grant");
    }

    [Fact]
    public async Task A_code_redeemed_with_another_redirect_uri_is_refused()
    {
        var client = await _oauth.Register();
        var (request, code) = await _oauth.NewCode(client);

        using var answer = await _oauth.RedeemCode(client with { RedirectUri = "http://127.0.0.1:8123/other" }, code, request.Pkce.Verifier);

        await AssertOAuthError(answer, HttpStatusCode.BadRequest, "invalid_grant");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("plain")]
    public async Task An_authorization_request_without_an_s256_challenge_gets_no_sign_in_page(string? method)
    {
        var client = await _oauth.Register();
        var request = new AuthorizationRequestBuilder(client);
        if (method is null)
        {
            request.WithoutPkce();
        }
        else
        {
            request.With("code_challenge_method", method).With("code_challenge", request.Pkce.Verifier);
        }

        using var answer = await _oauth.Browser.GetAsync(request.BuildPath());
        var page = await answer.Content.ReadAsStringAsync();

        // OpenIddict checks the challenge before it trusts the redirect URI, so the error is a page, not a redirect.
        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Null(answer.Headers.Location);
        Assert.DoesNotContain("type=\"password\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_used_refresh_token_is_refused_and_revokes_its_family()
    {
        var client = await _oauth.Register();
        var (_, user) = await _oauth.NewUser();
        var first = await _oauth.Tokens(client, user);
        var stolen = first["refresh_token"]!.GetValue<string>();
        using var rotated = await _oauth.Refresh(client, stolen);
        var current = (await rotated.Content.ReadFromJsonAsync<JsonObject>())!;

        using var reused = await _oauth.Refresh(client, stolen);
        using var afterReuse = await _oauth.Refresh(client, current["refresh_token"]!.GetValue<string>());

        Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
        await AssertOAuthError(reused, HttpStatusCode.BadRequest, "invalid_grant");
        await AssertOAuthError(afterReuse, HttpStatusCode.BadRequest, "invalid_grant");
        Assert.False((await _oauth.Introspect(client, current["access_token"]!.GetValue<string>()))["active"]!.GetValue<bool>());
    }

    [Fact]
    public async Task A_wrong_client_secret_is_refused()
    {
        var client = await _oauth.Register();
        var (request, code) = await _oauth.NewCode(client);

        using var answer = await _oauth.RedeemCode(client, code, request.Pkce.Verifier, secret: "not-the-secret");

        await AssertOAuthError(answer, HttpStatusCode.Unauthorized, "invalid_client");
    }

    [Fact]
    public async Task Introspection_needs_client_authentication()
    {
        var client = await _oauth.Register();
        var (_, user) = await _oauth.NewUser();
        var token = (await _oauth.Tokens(client, user))["access_token"]!.GetValue<string>();

        using var anonymous = await _oauth.Backchannel.PostAsync("/oauth/introspect", new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = token }));
        using var wrongSecret = await _oauth.Send("/oauth/introspect", client with { ClientSecret = "wrong" }, token);

        Assert.True((int)anonymous.StatusCode is 400 or 401, $"{(int)anonymous.StatusCode}");
        Assert.Equal(HttpStatusCode.Unauthorized, wrongSecret.StatusCode);
    }

    [Fact]
    public async Task Revoking_a_token_ends_it_and_revoking_an_unknown_one_is_still_200()
    {
        var client = await _oauth.Register();
        var (_, user) = await _oauth.NewUser();
        var tokens = await _oauth.Tokens(client, user);

        using var revoked = await _oauth.Send("/oauth/revoke", client, tokens["refresh_token"]!.GetValue<string>());
        using var unknown = await _oauth.Send("/oauth/revoke", client, "no-such-token");
        using var refresh = await _oauth.Refresh(client, tokens["refresh_token"]!.GetValue<string>());

        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        await AssertOAuthError(refresh, HttpStatusCode.BadRequest, "invalid_grant");
    }

    [Fact]
    public async Task Tokens_sent_as_json_are_refused_with_an_oauth_error()
    {
        var client = await _oauth.Register();

        using var answer = await _oauth.Backchannel.PostAsJsonAsync("/oauth/token", new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = client.ClientId, ["client_secret"] = client.ClientSecret!,
        });

        await AssertOAuthError(answer, HttpStatusCode.BadRequest, "invalid_request");
    }

    private static async Task AssertOAuthError(HttpResponseMessage response, HttpStatusCode status, string error)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode}: {body}");
        Assert.Equal(error, JsonNode.Parse(body)!["error"]!.GetValue<string>());
    }
}
