using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;
using UserManagement.Contracts.Users;
using UserManagement.Tests.Builders;
using UserManagement.Tests.Infrastructure;

namespace UserManagement.Tests.OAuth;

/// <summary>
/// What an OAuth client and its user's browser do against a gateway: register, open the sign-in page, post its form
/// (with the cookies it set), follow nothing automatically, and redeem what comes back.
/// </summary>
public sealed class OAuthTestClient(UserClusterFixture fixture)
{
    public const string LoopbackRedirectUri = "http://127.0.0.1:8123/callback";

    /// <summary>The user's browser: keeps cookies, does not follow redirects.</summary>
    public HttpClient Browser { get; } = fixture.Gateway.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    /// <summary>The client application's own HTTP client: no cookies.</summary>
    public HttpClient Backchannel { get; } = fixture.Gateway.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

    public async Task<RegisteredClient> Register(string redirectUri = LoopbackRedirectUri, string authMethod = "client_secret_basic", string[]? grantTypes = null)
    {
        using var response = await Backchannel.PostAsJsonAsync("/oauth/register", new Dictionary<string, object?>
        {
            ["client_name"] = "Test MCP client",
            ["redirect_uris"] = new[] { redirectUri },
            ["grant_types"] = grantTypes ?? ["authorization_code", "refresh_token"],
            ["response_types"] = new[] { "code" },
            ["token_endpoint_auth_method"] = authMethod,
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        return new RegisteredClient(
            body["client_id"]!.GetValue<string>(),
            body["client_secret"]?.GetValue<string>(),
            body["registration_access_token"]!.GetValue<string>(),
            redirectUri);
    }

    public async Task<(string UserId, RegistrationBuilder Registration)> NewUser()
    {
        var registration = A.Registration();
        var user = await fixture.Grains.GetUserByEmailAddress(registration.EmailAddress).Register(registration.Build());
        return (user.User!.UserId, registration);
    }

    /// <summary>Opens the sign-in page and returns its form's hidden fields.</summary>
    public async Task<Dictionary<string, string>> OpenSignInPage(AuthorizationRequestBuilder request)
    {
        using var page = await Browser.GetAsync(request.BuildPath());
        var html = await page.Content.ReadAsStringAsync();
        Assert.True(page.StatusCode == HttpStatusCode.OK, $"{(int)page.StatusCode}: {html}");
        return HtmlForm.HiddenFields(html);
    }

    public Task<HttpResponseMessage> Submit(IReadOnlyDictionary<string, string> fields, HttpClient? browser = null) =>
        (browser ?? Browser).PostAsync("/oauth/authorize", new FormUrlEncodedContent(fields));

    /// <summary>Signs in and consents through the pages; the redirect that ends the flow.</summary>
    public async Task<Uri> SignInAndConsent(AuthorizationRequestBuilder request, RegistrationBuilder user)
    {
        var fields = await OpenSignInPage(request);
        fields["email_address"] = user.EmailAddress;
        fields["password"] = user.Password;
        using var signedIn = await Submit(fields);
        if (signedIn.StatusCode == HttpStatusCode.Redirect)
        {
            return signedIn.Headers.Location!;
        }

        var consentPage = await signedIn.Content.ReadAsStringAsync();
        Assert.True(signedIn.StatusCode == HttpStatusCode.OK, $"{(int)signedIn.StatusCode}: {consentPage}");
        var consent = HtmlForm.HiddenFields(consentPage);
        Assert.Equal("consent", consent["step"]);
        consent["decision"] = "allow";
        using var consented = await Submit(consent);
        Assert.Equal(HttpStatusCode.Redirect, consented.StatusCode);
        return consented.Headers.Location!;
    }

    /// <summary>The whole flow for a new user, ending with the code the redirect carried.</summary>
    public async Task<string> Code(RegisteredClient client, AuthorizationRequestBuilder request, RegistrationBuilder user)
    {
        var redirect = await SignInAndConsent(request, user);
        Assert.StartsWith(client.RedirectUri + "?", redirect.AbsoluteUri, StringComparison.Ordinal);
        return Query(redirect)["code"];
    }

    /// <summary>A new user signed in through the pages for this client: the request (with its PKCE verifier) and the code.</summary>
    public async Task<(AuthorizationRequestBuilder Request, string Code)> NewCode(RegisteredClient client)
    {
        var (_, user) = await NewUser();
        var request = new AuthorizationRequestBuilder(client);
        return (request, await Code(client, request, user));
    }

    public Task<HttpResponseMessage> Token(RegisteredClient client, IDictionary<string, string> form, string? secret = null) =>
        TokenAt(Backchannel, client, form, secret);

    /// <summary>A code redeemed at another gateway than the one that issued it.</summary>
    public static Task<HttpResponseMessage> RedeemCodeAt(HttpClient gateway, RegisteredClient client, string code, string verifier) =>
        TokenAt(gateway, client, new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code", ["code"] = code, ["redirect_uri"] = client.RedirectUri, ["code_verifier"] = verifier,
        }, secret: null);

    private static Task<HttpResponseMessage> TokenAt(HttpClient gateway, RegisteredClient client, IDictionary<string, string> form, string? secret)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/oauth/token") { Content = new FormUrlEncodedContent(form) };
        if ((secret ?? client.ClientSecret) is { } clientSecret)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue(
                "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Uri.EscapeDataString(client.ClientId)}:{Uri.EscapeDataString(clientSecret)}")));
        }
        else
        {
            form["client_id"] = client.ClientId;
            request.Content = new FormUrlEncodedContent(form);
        }

        return gateway.SendAsync(request);
    }

    public Task<HttpResponseMessage> RedeemCode(RegisteredClient client, string code, string verifier, string? secret = null) =>
        Token(client, new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = client.RedirectUri,
            ["code_verifier"] = verifier,
        }, secret);

    public Task<HttpResponseMessage> Refresh(RegisteredClient client, string refreshToken) =>
        Token(client, new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["refresh_token"] = refreshToken });

    /// <summary>A signed-in user's tokens from a fresh flow.</summary>
    public async Task<JsonObject> Tokens(RegisteredClient client, RegistrationBuilder user)
    {
        var request = new AuthorizationRequestBuilder(client);
        var code = await Code(client, request, user);
        using var response = await RedeemCode(client, code, request.Pkce.Verifier);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return JsonNode.Parse(body)!.AsObject();
    }

    public async Task<JsonObject> Introspect(RegisteredClient client, string token)
    {
        using var response = await Send("/oauth/introspect", client, token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    public async Task<HttpResponseMessage> Send(string path, RegisteredClient client, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = token }) };
        request.Headers.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Uri.EscapeDataString(client.ClientId)}:{Uri.EscapeDataString(client.ClientSecret!)}")));
        return await Backchannel.SendAsync(request);
    }

    public static Dictionary<string, string> Query(Uri uri) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(uri.Query).ToDictionary(p => p.Key, p => p.Value.ToString());
}
