using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;
using UserManagement.Tests.Infrastructure;

namespace UserManagement.Tests.OAuth;

/// <summary>The sign-in page as an attacker and an operator see it: headers, the shared back-off, logs, several gateways.</summary>
[Collection(UserClusterCollection.Name)]
public sealed class SignInPageProtectionTests(UserClusterFixture fixture)
{
    private readonly OAuthTestClient _oauth = new(fixture);

    [Fact]
    public async Task The_page_has_the_api_headers_and_a_policy_that_allows_its_own_style_and_its_client_only()
    {
        var client = await _oauth.Register();

        using var page = await _oauth.Browser.GetAsync(new AuthorizationRequestBuilder(client).BuildPath());

        Assert.Equal("nosniff", page.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", page.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("no-referrer", page.Headers.GetValues("Referrer-Policy").Single());
        Assert.True(page.Headers.CacheControl?.NoStore);
        var policy = page.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("default-src 'none'", policy, StringComparison.Ordinal);
        Assert.Contains("style-src 'nonce-", policy, StringComparison.Ordinal);
        Assert.Contains("form-action 'self' http://127.0.0.1:8123", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("script-src", policy, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Failed_sign_ins_count_with_failed_log_ins_and_an_unknown_address_is_answered_alike()
    {
        var client = await _oauth.Register();
        var (_, user) = await _oauth.NewUser();
        var gateway = new GatewayClient(fixture.Gateway.CreateClient());
        var unknown = await SignIn(client, $"nobody-{Guid.NewGuid():N}@example.com", "some password");
        var statuses = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < TestSettings.FreeLoginAttempts; attempt++)
        {
            statuses.Add((await SignIn(client, user.EmailAddress, "a wrong password")).Status);
        }

        var throttled = await SignIn(client, user.EmailAddress, user.Password);
        using var login = await gateway.Login(user.EmailAddress, user.Password);

        Assert.Equal(HttpStatusCode.OK, unknown.Status);
        Assert.Contains("The email address or the password is wrong.", unknown.Page, StringComparison.Ordinal);
        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.Status);
        Assert.Contains("Too many failed sign-ins", throttled.Page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.TooManyRequests, login.StatusCode);
    }

    [Fact]
    public async Task No_log_line_or_span_holds_a_password_code_token_secret_or_form_token()
    {
        CapturedTelemetry.Start();
        var client = await _oauth.Register();
        var (_, user) = await _oauth.NewUser();
        var request = new AuthorizationRequestBuilder(client);
        var fields = await _oauth.OpenSignInPage(request);
        var antiforgery = fields["__RequestVerificationToken"];
        var code = await _oauth.Code(client, request, user);
        using var redeemed = await _oauth.RedeemCode(client, code, request.Pkce.Verifier);
        var tokens = (await redeemed.Content.ReadFromJsonAsync<JsonObject>())!;
        using var refreshed = await _oauth.Refresh(client, tokens["refresh_token"]!.GetValue<string>());

        var logText = string.Join('\n', CapturedTelemetry.Logs.Lines);
        var spanText = string.Join('\n', CapturedTelemetry.Spans.Select(span =>
            $"{span.DisplayName} {span.StatusDescription} {string.Join(' ', span.TagObjects.Select(t => $"{t.Key}={t.Value}"))}"));

        foreach (var secret in new[] { user.Password, code, request.Pkce.Verifier, client.ClientSecret!, client.RegistrationAccessToken, antiforgery,
                     tokens["access_token"]!.GetValue<string>().Split('.')[2], tokens["refresh_token"]!.GetValue<string>() })
        {
            Assert.DoesNotContain(secret, logText, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, spanText, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_form_from_one_gateway_is_accepted_by_another_and_its_code_redeemed_by_a_third()
    {
        // Every test gateway is configured with the same OAuth keys (TestSettings.OAuthKeys), as deployed ones are.
        using var first = new GatewayFactory(fixture);
        using var second = new GatewayFactory(fixture);
        using var third = new GatewayFactory(fixture);
        var options = new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false };
        using var firstBrowser = first.CreateClient(options);
        using var secondBrowser = second.CreateClient(options);
        var client = await _oauth.Register();
        var (_, user) = await _oauth.NewUser();
        var request = new AuthorizationRequestBuilder(client);

        using var page = await firstBrowser.GetAsync(request.BuildPath());
        var cookie = page.Headers.GetValues("Set-Cookie").Single().Split(';')[0];
        var fields = HtmlForm.HiddenFields(await page.Content.ReadAsStringAsync());
        fields["email_address"] = user.EmailAddress;
        fields["password"] = user.Password;
        using var signIn = new HttpRequestMessage(HttpMethod.Post, "/oauth/authorize") { Content = new FormUrlEncodedContent(fields) };
        signIn.Headers.Add("Cookie", cookie);
        using var consentPage = await secondBrowser.SendAsync(signIn);
        var consent = HtmlForm.HiddenFields(await consentPage.Content.ReadAsStringAsync());
        consent["decision"] = "allow";
        using var allow = new HttpRequestMessage(HttpMethod.Post, "/oauth/authorize") { Content = new FormUrlEncodedContent(consent) };
        allow.Headers.Add("Cookie", cookie);
        using var redirect = await firstBrowser.SendAsync(allow);
        var code = OAuthTestClient.Query(redirect.Headers.Location!)["code"];
        using var token = await OAuthTestClient.RedeemCodeAt(third.CreateClient(options), client, code, request.Pkce.Verifier);

        Assert.Equal(HttpStatusCode.OK, consentPage.StatusCode);
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
    }

    private async Task<(HttpStatusCode Status, string Page)> SignIn(RegisteredClient client, string emailAddress, string password)
    {
        var fields = await _oauth.OpenSignInPage(new AuthorizationRequestBuilder(client));
        fields["email_address"] = emailAddress;
        fields["password"] = password;
        using var answer = await _oauth.Submit(fields);
        Debug.Assert(answer.Headers.Location is null || answer.StatusCode == HttpStatusCode.Redirect);
        return (answer.StatusCode, await answer.Content.ReadAsStringAsync());
    }
}
