using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using UserManagement.Tests.Builders;
using UserManagement.Tests.Infrastructure;

namespace UserManagement.Tests.Api;

[Collection(UserClusterCollection.Name)]
public sealed class SecurityHeadersTests(UserClusterFixture fixture) : IDisposable
{
    private readonly GatewayClient _gateway = new(fixture.Gateway.CreateClient());
    private readonly ConfiguredGateways _gateways = new(fixture);

    public void Dispose() => _gateways.Dispose();

    [Fact]
    public async Task Api_responses_forbid_sniffing_framing_caching_and_active_content()
    {
        using var response = await _gateway.Register(A.Registration());

        AssertSecurityHeaders(response);
    }

    [Theory]
    [InlineData("GET", "/no-such-path", HttpStatusCode.NotFound)]
    [InlineData("DELETE", "/user", HttpStatusCode.MethodNotAllowed)]
    [InlineData("GET", "/user/00000000-0000-0000-0000-000000000000", HttpStatusCode.Unauthorized)]
    [InlineData("POST", "/login", HttpStatusCode.UnsupportedMediaType)]
    public async Task Refusals_carry_the_headers_too(string method, string path, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST")
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "text/plain");
        }

        using var response = await _gateway.Http.SendAsync(request);

        Assert.Equal(expected, response.StatusCode);
        AssertSecurityHeaders(response);
    }

    [Fact]
    public async Task A_host_name_refused_by_host_filtering_gets_the_headers()
    {
        var gateway = _gateways.Http(new() { ["AllowedHosts"] = "api.shop.example" });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/health/live");
        request.Headers.Host = "attacker.example";

        using var response = await gateway.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        AssertSecurityHeaders(response);
    }

    /// <summary>
    /// Kestrel answers malformed requests itself, before any middleware runs, and ASP.NET Core offers no hook to add
    /// headers there. What it sends is an empty answer that closes the connection, with no server banner: there is
    /// nothing for a browser to render, sniff or frame.
    /// </summary>
    [Theory]
    [InlineData("bad Host", HttpStatusCode.BadRequest)]
    [InlineData("414", HttpStatusCode.RequestUriTooLong)]
    [InlineData("431", HttpStatusCode.RequestHeaderFieldsTooLarge)]
    public async Task Kestrels_own_refusals_are_empty_closing_answers_without_a_banner(string kind, HttpStatusCode expected)
    {
        var factory = _gateways.Factory();
        factory.UseKestrel(0);
        var address = factory.CreateClient().BaseAddress!;
        var request = kind switch
        {
            "bad Host" => "GET /health/live HTTP/1.1\r\nHost: bad host\r\n\r\n",
            "414" => $"GET /user/{new string('a', 10 * 1024)} HTTP/1.1\r\nHost: localhost\r\n\r\n",
            _ => $"GET /health/live HTTP/1.1\r\nHost: localhost\r\nX-Padding: {new string('a', 40 * 1024)}\r\n\r\n",
        };

        var answer = await RawExchange(address, request);

        var lines = answer.Split("\r\n");
        Assert.StartsWith($"HTTP/1.1 {(int)expected} ", lines[0], StringComparison.Ordinal);
        Assert.Contains("Content-Length: 0", lines);
        Assert.Contains("Connection: close", lines);
        Assert.DoesNotContain(lines, line => line.StartsWith("Server:", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task The_same_request_well_formed_through_Kestrel_gets_the_headers()
    {
        var factory = _gateways.Factory();
        factory.UseKestrel(0);
        var http = factory.CreateClient();

        using var response = await http.GetAsync("/health/live");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertSecurityHeaders(response);
    }

    private static void AssertSecurityHeaders(HttpResponseMessage response)
    {
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.True(response.Headers.CacheControl?.NoStore);
        Assert.Contains("default-src 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.False(response.Headers.Contains("Server"));
    }

    /// <summary>Sends bytes no HTTP client would, and reads the answer until the server closes the connection.</summary>
    private static async Task<string> RawExchange(Uri address, string request)
    {
        using var client = new TcpClient();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await client.ConnectAsync(address.Host, address.Port, timeout.Token);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request), timeout.Token);
        using var answer = new MemoryStream();
        await stream.CopyToAsync(answer, timeout.Token);
        return Encoding.ASCII.GetString(answer.ToArray());
    }
}
