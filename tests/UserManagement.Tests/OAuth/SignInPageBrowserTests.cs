using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Playwright;
using UserManagement.Tests.Cluster.Harness;
using UserManagement.Tests.Infrastructure;

namespace UserManagement.Tests.OAuth;

/// <summary>
/// The sign-in page in a real browser (Debian's Chromium, driven by Playwright): a user signs in by keyboard, consents,
/// and lands on the client's loopback redirect URI with a code, as the browser's own CSP and cookie rules allow.
/// With <c>OAUTH_SCREENSHOT_DIR</c> set, the pages are saved there as PNG files (the README's picture).
/// </summary>
[Collection(UserClusterCollection.Name)]
public sealed class SignInPageBrowserTests(UserClusterFixture fixture) : IAsyncLifetime, IDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private readonly ConcurrentQueue<string> _redirects = new();
    private GatewayFactory? _gateway;
    private Uri _gatewayUrl = null!;
    private WebApplication _clientApp = null!;
    private Uri _clientUrl = null!;

    public async Task InitializeAsync()
    {
        var port = LoopbackPorts.Free();
        _gatewayUrl = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/");
        _gateway = new GatewayFactory(fixture, new Dictionary<string, string?> { ["OAuth:Issuer"] = _gatewayUrl.AbsoluteUri });
        _gateway.UseKestrel(port);
        _gateway.StartServer();
        (_clientApp, _clientUrl) = await LoopbackHttpServer.StartAsync(context =>
        {
            if (context.Request.Path == "/callback")
            {
                _redirects.Enqueue(context.Request.QueryString.Value ?? "");
            }

            return context.Response.WriteAsync("Signed in; you can close this window.");
        });
    }

    public async Task DisposeAsync()
    {
        await _clientApp.DisposeAsync();
    }

    public void Dispose() => _gateway?.Dispose();

    [Fact]
    public async Task A_user_signs_in_consents_and_lands_on_the_loopback_redirect_uri_with_a_code()
    {
        using var http = new HttpClient { BaseAddress = _gatewayUrl };
        var redirectUri = new Uri(_clientUrl, "/callback").AbsoluteUri;
        using var registration = await http.PostAsJsonAsync("/oauth/register", new Dictionary<string, object>
        {
            ["client_name"] = "Shop assistant (MCP)", ["redirect_uris"] = new[] { redirectUri }, ["token_endpoint_auth_method"] = "none",
        });
        var clientId = (await registration.Content.ReadFromJsonAsync<JsonObject>())!["client_id"]!.GetValue<string>();
        var (_, user) = await new OAuthTestClient(fixture).NewUser();
        var request = new AuthorizationRequestBuilder(new RegisteredClient(clientId, null, "", redirectUri));

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-extensions",
                "--disable-sync", "--disable-default-apps", "--no-first-run", "--mute-audio", "--metrics-recording-only"],
        });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 640, Height = 640 } });
        var refused = new ConcurrentQueue<string>();
        page.Console += (_, message) => refused.Enqueue(message.Text);

        await page.GotoAsync(new Uri(_gatewayUrl, request.BuildPath()).AbsoluteUri);
        await Screenshot(page, "oauth-sign-in.png");
        await page.GetByLabel("Email address").FillAsync(user.EmailAddress);
        await page.GetByLabel("Password").FillAsync(user.Password);
        await page.GetByLabel("Password").PressAsync("Enter");
        var allow = page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Allow" });
        await allow.WaitForAsync();
        await Screenshot(page, "oauth-consent.png");
        await allow.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(url => url.StartsWith(redirectUri, StringComparison.Ordinal), new PageWaitForURLOptions { Timeout = 30_000 });

        var query = OAuthTestClient.Query(new Uri(page.Url));
        Assert.Equal(request.State, query["state"]);
        Assert.False(string.IsNullOrEmpty(query["code"]));
        Assert.Single(_redirects);
        Assert.DoesNotContain(refused, text => text.Contains("Content Security Policy", StringComparison.Ordinal));
    }

    private static async Task Screenshot(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("OAUTH_SCREENSHOT_DIR") is { Length: > 0 } folder)
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name), FullPage = true });
        }
    }
}
