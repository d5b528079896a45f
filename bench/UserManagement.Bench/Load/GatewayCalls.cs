using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace UserManagement.Bench.Load;

/// <summary>
/// The load generator's HTTP side: one client with a connection per worker, kept open, no cookies, no decompression,
/// and the API's calls; an answer other than a success throws, so the generator counts it as an error.
/// </summary>
public sealed class GatewayCalls(Uri gateway, int concurrency) : IDisposable
{
    public const string Password = "correct horse battery staple";

    private readonly HttpClient _http = new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = concurrency,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
        UseCookies = false,
        AutomaticDecompression = System.Net.DecompressionMethods.None,
    })
    {
        BaseAddress = gateway,
        Timeout = TimeSpan.FromSeconds(60),
    };

    private int _nextUser;

    /// <summary>
    /// A new address each call, always of the same length, so every user's answer is as long as the baseline's
    /// (<c>bench-user-000000@example.com</c>).
    /// </summary>
    public string NewEmailAddress() => $"bench-user-{Interlocked.Increment(ref _nextUser):D6}@example.com";

    public async Task<string> Register(string emailAddress)
    {
        using var response = await _http.PostAsJsonAsync("/user", new Dictionary<string, string>
        {
            ["email_address"] = emailAddress,
            ["first_name"] = "Bench",
            ["last_name"] = "User",
            ["password"] = Password,
        });
        return (await DataOf(response))["userId"]!.GetValue<string>();
    }

    public async Task<string> LogIn(string emailAddress)
    {
        using var response = await _http.PostAsJsonAsync("/login", new Dictionary<string, string>
        {
            ["email_address"] = emailAddress,
            ["password"] = Password,
        });
        return (await DataOf(response))["token"]!.GetValue<string>();
    }

    /// <summary>GETs <paramref name="path"/> and returns how many bytes the body held.</summary>
    public async Task<int> Get(string path, string? token = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await _http.SendAsync(request);
        var body = await response.Content.ReadAsByteArrayAsync();
        EnsureSuccess(response);
        return body.Length;
    }

    public void Dispose() => _http.Dispose();

    private static async Task<JsonNode> DataOf(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        EnsureSuccess(response);
        return JsonNode.Parse(body)!["data"]!;
    }

    private static void EnsureSuccess(HttpResponseMessage response)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{(int)response.StatusCode} {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.AbsolutePath}", null, response.StatusCode);
        }
    }
}
