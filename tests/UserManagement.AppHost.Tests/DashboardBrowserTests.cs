using System.Diagnostics;
using System.Net.Http.Json;
using Microsoft.Playwright;
using UserManagement.Testing;
using UserManagement.Testing.Builders;

namespace UserManagement.AppHost.Tests;

/// <summary>
/// The Aspire dashboard in a real browser (Debian's Chromium, driven by Playwright; no browser is downloaded): a
/// registration's trace found and opened as a person would, and the Orleans dashboard reached through the silo's link.
/// With <c>LOCAL_RUN_SCREENSHOT_DIR</c> set, both pages are saved there as PNG files (the README's pictures).
/// </summary>
[Collection(LocalRunCollection.Name)]
public sealed class DashboardBrowserTests(LocalRunFixture localRun) : IAsyncLifetime
{
    private const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>The dashboard is a Blazor app fed live over a web socket; on a loaded machine a page can take a while.</summary>
    private static readonly float Patience = (float)TimeSpan.FromSeconds(90).TotalMilliseconds;

    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;
    private IPage _page = null!;

    public async Task InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
            ],
        });
        // Playwright gives every context a fresh profile of its own, so nothing of an earlier run is reused.
        _page = await _browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1600, Height = 900 } });
        _page.SetDefaultTimeout(Patience);
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }

    [Fact]
    public async Task The_registrations_trace_shows_its_spans_from_the_gateway_the_grain_DynamoDB_and_EventBridge()
    {
        var traceId = await Register();

        // Each process exports in batches of its own; the page is opened once the publish, the trace's last span, is in.
        var dashboard = new DashboardTelemetry(localRun.DashboardUrl);
        await Eventually.Until(
            async () => (await dashboard.SpansOf(traceId)).Any(span => span.Name.StartsWith("send ", StringComparison.Ordinal)),
            $"trace {traceId} on the dashboard",
            TimeSpan.FromSeconds(90));

        await _page.GotoAsync(new Uri(localRun.DashboardUrl, "/traces").AbsoluteUri);
        // Each row of the list names its trace's id; a person clicks the registration's row to open it.
        await _page.GetByRole(AriaRole.Gridcell, new() { Name = traceId }).First.ClickAsync();

        await _page.WaitForURLAsync($"**/traces/detail/{traceId}**");
        // The dashboard names a messaging span by its system and destination: the publish to the event bus.
        foreach (var span in new[] { "POST /user", "IUserGrain/Register", "PutItem user-management-grain-state", "aws_eventbridge" })
        {
            await Assertions.Expect(_page.GetByText(span).First).ToBeVisibleAsync(new() { Timeout = Patience });
        }

        foreach (var resource in new[] { LocalRunFixture.ApiResource, "silo" }.Distinct(StringComparer.Ordinal))
        {
            await Assertions.Expect(_page.GetByText(resource, new() { Exact = true }).First).ToBeVisibleAsync(new() { Timeout = Patience });
        }

        await Screenshot("local-run-registration-trace.png");
    }

    [Fact]
    public async Task The_silos_link_opens_the_Orleans_dashboard_with_the_user_grains()
    {
        await Register();

        await _page.GotoAsync(localRun.DashboardUrl.AbsoluteUri);
        var link = _page.GetByRole(AriaRole.Link, new() { Name = "Orleans dashboard" }).First;
        var orleansDashboard = await link.GetAttributeAsync("href") ?? throw new InvalidOperationException("The link has no address.");

        await _page.GotoAsync(orleansDashboard);
        await _page.GetByRole(AriaRole.Link, new() { Name = "Grains", Exact = true }).ClickAsync();
        await Assertions.Expect(_page.GetByRole(AriaRole.Link, new() { Name = "UserGrain", Exact = true })).ToBeVisibleAsync(new() { Timeout = Patience });
        await Screenshot("local-run-orleans-dashboard.png");
    }

    /// <summary>Registers a user, as a client that sends its own trace context would, and returns the trace's id.</summary>
    private async Task<string> Register()
    {
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        using var http = localRun.CreateApiClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/user") { Content = JsonContent.Create(new RegistrationBuilder().BuildRequestBody()) };
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return traceId;
    }

    private async Task Screenshot(string fileName)
    {
        var directory = Environment.GetEnvironmentVariable("LOCAL_RUN_SCREENSHOT_DIR") is { Length: > 0 } configured
            ? configured
            : Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(directory);
        await _page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(directory, fileName) });
    }
}
