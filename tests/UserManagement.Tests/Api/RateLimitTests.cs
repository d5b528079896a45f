using System.Net;
using UserManagement.Tests.Builders;
using UserManagement.Tests.Infrastructure;

namespace UserManagement.Tests.Api;

[Collection(UserClusterCollection.Name)]
public sealed class RateLimitTests : IDisposable
{
    private readonly GatewayFactory _factory;
    private readonly GatewayClient _gateway;

    public RateLimitTests(UserClusterFixture fixture)
    {
        _factory = new GatewayFactory(fixture, new Dictionary<string, string?>
        {
            ["RateLimiting:TokenLimit"] = "3",
            ["RateLimiting:TokensPerPeriod"] = "1",
            ["RateLimiting:ReplenishmentPeriod"] = "00:10:00",
        });
        _gateway = new GatewayClient(_factory.CreateClient());
    }

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Calls_with_credentials_beyond_the_limit_get_429_with_Retry_After()
    {
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? limited = null;
        for (var call = 0; call < 4; call++)
        {
            var response = call % 2 == 0
                ? await _gateway.Login($"nobody-{Guid.NewGuid():N}@example.com", "some password")
                : await _gateway.Register(A.Registration().WithPassword("short"));
            statuses.Add(response.StatusCode);
            limited = response;
        }

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.BadRequest, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], statuses);
        Assert.True(limited!.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Reading_a_user_is_not_limited_by_the_credentials_bucket()
    {
        for (var call = 0; call < 5; call++)
        {
            using var response = await _gateway.Http.GetAsync("/health/live");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }
}
