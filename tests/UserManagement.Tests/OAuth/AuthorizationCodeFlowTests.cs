using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using UserManagement.Tests.Infrastructure;

namespace UserManagement.Tests.OAuth;

/// <summary>The old service's OAuth flow, through the real sign-in form, and what the tokens are good for.</summary>
[Collection(UserClusterCollection.Name)]
public sealed class AuthorizationCodeFlowTests(UserClusterFixture fixture)
{
    private readonly OAuthTestClient _oauth = new(fixture);

    [Fact]
    public async Task Signing_in_through_the_form_redirects_with_a_code_and_the_state_and_the_code_buys_bearer_tokens()
    {
        var client = await _oauth.Register();
        var (_, user) = await _oauth.NewUser();
        var request = new AuthorizationRequestBuilder(client);

        var redirect = await _oauth.SignInAndConsent(request, user);

        var query = OAuthTestClient.Query(redirect);
        Assert.Equal(client.RedirectUri, redirect.GetLeftPart(UriPartial.Path));
        Assert.Equal(request.State, query["state"]);
        using var response = await _oauth.RedeemCode(client, query["code"], request.Pkce.Verifier);
        var tokens = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Bearer", tokens["token_type"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(tokens["access_token"]!.GetValue<string>()));
        Assert.False(string.IsNullOrEmpty(tokens["refresh_token"]!.GetValue<string>()));
        Assert.Contains("read", tokens["scope"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(tokens["expires_in"]!.GetValue<int>() > 0);
    }

    [Fact]
    public async Task The_access_token_is_a_jwt_like_logins_and_expires_in_tells_its_lifetime()
    {
        var client = await _oauth.Register();
        var (userId, user) = await _oauth.NewUser();

        var tokens = await _oauth.Tokens(client, user);

        var jwt = new JsonWebToken(tokens["access_token"]!.GetValue<string>());
        Assert.Equal("HS256", jwt.Alg);
        Assert.Equal(userId, jwt.Subject);
        Assert.Equal("STANDARD", jwt.GetClaim("user_type").Value);
        Assert.Equal(TestSettings.OAuthIssuer, jwt.Issuer);
        Assert.Equal([TestSettings.JwtAudience], jwt.Audiences);
        var lifetime = (int)(jwt.ValidTo - jwt.IssuedAt).TotalSeconds;
        Assert.InRange(tokens["expires_in"]!.GetValue<int>(), lifetime - 5, lifetime);
    }

    [Fact]
    public async Task The_access_token_reads_the_user_and_not_another()
    {
        var client = await _oauth.Register();
        var (userId, user) = await _oauth.NewUser();
        var (otherId, _) = await _oauth.NewUser();
        var token = (await _oauth.Tokens(client, user))["access_token"]!.GetValue<string>();
        var gateway = new GatewayClient(fixture.Gateway.CreateClient());

        using var own = await gateway.GetUser(userId, token);
        using var other = await gateway.GetUser(otherId, token);

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
    }

    [Fact]
    public async Task Userinfo_and_introspection_answer_for_the_access_token()
    {
        var client = await _oauth.Register();
        var (userId, user) = await _oauth.NewUser();
        var token = (await _oauth.Tokens(client, user))["access_token"]!.GetValue<string>();

        using var request = new HttpRequestMessage(HttpMethod.Get, "/oauth/userinfo");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var userinfo = await _oauth.Backchannel.SendAsync(request);
        var claims = (await userinfo.Content.ReadFromJsonAsync<JsonObject>())!;
        var introspection = await _oauth.Introspect(client, token);

        Assert.Equal(HttpStatusCode.OK, userinfo.StatusCode);
        Assert.Equal(userId, claims["sub"]!.GetValue<string>());
        Assert.Equal(user.EmailAddress, claims["email"]!.GetValue<string>());
        Assert.Equal("Jane", claims["given_name"]!.GetValue<string>());
        Assert.True(introspection["active"]!.GetValue<bool>());
        Assert.Equal(userId, introspection["sub"]!.GetValue<string>());
        Assert.Equal(client.ClientId, introspection["client_id"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_refresh_token_buys_new_tokens_once()
    {
        var client = await _oauth.Register();
        var (userId, user) = await _oauth.NewUser();
        var first = await _oauth.Tokens(client, user);

        using var refreshed = await _oauth.Refresh(client, first["refresh_token"]!.GetValue<string>());
        var second = (await refreshed.Content.ReadFromJsonAsync<JsonObject>())!;

        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        Assert.NotEqual(first["refresh_token"]!.GetValue<string>(), second["refresh_token"]!.GetValue<string>());
        Assert.Equal(userId, new JsonWebToken(second["access_token"]!.GetValue<string>()).Subject);
    }

    [Fact]
    public async Task A_public_client_gets_tokens_with_pkce_alone()
    {
        var client = await _oauth.Register(authMethod: "none");
        var (_, user) = await _oauth.NewUser();

        var tokens = await _oauth.Tokens(client, user);

        Assert.Null(client.ClientSecret);
        Assert.False(string.IsNullOrEmpty(tokens["access_token"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Consent_is_asked_once_per_client_and_scopes()
    {
        var client = await _oauth.Register();
        var (_, user) = await _oauth.NewUser();
        await _oauth.Tokens(client, user);

        var fields = await _oauth.OpenSignInPage(new AuthorizationRequestBuilder(client));
        fields["email_address"] = user.EmailAddress;
        fields["password"] = user.Password;
        using var signedIn = await _oauth.Submit(fields);

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Contains("code", OAuthTestClient.Query(signedIn.Headers.Location!).Keys);
    }

    [Fact]
    public async Task A_denied_consent_redirects_with_access_denied_and_no_code()
    {
        var client = await _oauth.Register();
        var (_, user) = await _oauth.NewUser();
        var fields = await _oauth.OpenSignInPage(new AuthorizationRequestBuilder(client));
        fields["email_address"] = user.EmailAddress;
        fields["password"] = user.Password;
        using var consentPage = await _oauth.Submit(fields);
        var consent = HtmlForm.HiddenFields(await consentPage.Content.ReadAsStringAsync());
        consent["decision"] = "deny";

        using var denied = await _oauth.Submit(consent);

        var query = OAuthTestClient.Query(denied.Headers.Location!);
        Assert.Equal("access_denied", query["error"]);
        Assert.DoesNotContain("code", query.Keys);
    }

    [Fact]
    public async Task Wrong_credentials_show_the_form_again_with_an_error_and_no_redirect()
    {
        var client = await _oauth.Register();
        var (_, user) = await _oauth.NewUser();
        var fields = await _oauth.OpenSignInPage(new AuthorizationRequestBuilder(client));
        fields["email_address"] = user.EmailAddress;
        fields["password"] = "not the password at all";

        using var answer = await _oauth.Submit(fields);
        var page = await answer.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Null(answer.Headers.Location);
        Assert.Contains("The email address or the password is wrong.", page, StringComparison.Ordinal);
        Assert.DoesNotContain("not the password at all", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invalid_code_is_a_client_error()
    {
        var client = await _oauth.Register();

        using var response = await _oauth.RedeemCode(client, "not-a-code", Pkce.New().Verifier);
        var error = (await response.Content.ReadFromJsonAsync<JsonObject>())!;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_grant", error["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_unregistered_redirect_uri_gets_an_error_page_and_never_a_redirect()
    {
        var client = await _oauth.Register();

        using var page = await _oauth.Browser.GetAsync(
            new AuthorizationRequestBuilder(client).With("redirect_uri", "https://attacker.example/callback").BuildPath());

        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.Null(page.Headers.Location);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task An_unknown_scope_gets_an_error_page()
    {
        var client = await _oauth.Register();

        using var page = await _oauth.Browser.GetAsync(new AuthorizationRequestBuilder(client).With("scope", "openid admin").BuildPath());

        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.Null(page.Headers.Location);
    }

    [Fact]
    public async Task An_unknown_client_gets_an_error_page()
    {
        var unknown = new RegisteredClient("unknown-client", null, "", OAuthTestClient.LoopbackRedirectUri);

        using var page = await _oauth.Browser.GetAsync(new AuthorizationRequestBuilder(unknown).BuildPath());

        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.Null(page.Headers.Location);
    }

    [Fact]
    public async Task Client_credentials_give_a_confidential_client_a_token_that_reads_no_user()
    {
        var client = await _oauth.Register(grantTypes: ["client_credentials"]);
        var gateway = new GatewayClient(fixture.Gateway.CreateClient());
        var (userId, _) = await _oauth.NewUser();

        using var response = await _oauth.Token(client, new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["scope"] = "read" });
        var token = (await response.Content.ReadFromJsonAsync<JsonObject>())!["access_token"]!.GetValue<string>();
        using var read = await gateway.GetUser(userId, token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(client.ClientId, new JsonWebToken(token).Subject);
        // The gateway takes only tokens shaped like a user's, with a tier.
        Assert.Equal(HttpStatusCode.Unauthorized, read.StatusCode);
    }
}
