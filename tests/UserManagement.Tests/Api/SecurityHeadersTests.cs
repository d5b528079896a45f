using UserManagement.Tests.Builders;
using UserManagement.Tests.Infrastructure;

namespace UserManagement.Tests.Api;

[Collection(UserClusterCollection.Name)]
public sealed class SecurityHeadersTests(UserClusterFixture fixture)
{
    private readonly GatewayClient _gateway = new(fixture.Gateway.CreateClient());

    [Fact]
    public async Task Api_responses_forbid_sniffing_framing_caching_and_active_content()
    {
        using var response = await _gateway.Register(A.Registration());

        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.True(response.Headers.CacheControl?.NoStore);
        Assert.Contains("default-src 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.False(response.Headers.Contains("Server"));
    }
}
