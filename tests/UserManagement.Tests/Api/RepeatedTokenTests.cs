using System.Net;
using UserManagement.Tests.Builders;
using UserManagement.Tests.Infrastructure;

namespace UserManagement.Tests.Api;

/// <summary>
/// A token sent again is answered from what its first validation found (so it is not verified with every request),
/// and yet is refused from the moment it expires, and no other token (the same claims differently signed) passes for it.
/// </summary>
[Collection(UserClusterCollection.Name)]
public sealed class RepeatedTokenTests(UserClusterFixture fixture) : IDisposable
{
    private readonly ConfiguredGateways _gateways = new(fixture);

    public void Dispose() => _gateways.Dispose();

    [Fact]
    public async Task A_token_accepted_again_and_again_is_refused_once_it_expires()
    {
        // No clock skew, so the token's own expiry is the moment it must stop being accepted.
        var gateway = _gateways.Client(new() { ["Jwt:ClockSkew"] = "00:00:00" });
        var userId = await gateway.RegisterUser(A.Registration());
        var expiresAt = DateTimeOffset.UtcNow.AddSeconds(4);
        var token = A.Token(userId).IssuedAt(expiresAt.AddSeconds(-4), TimeSpan.FromSeconds(4)).Build();

        var whileValid = new List<HttpStatusCode>();
        for (var call = 0; call < 3; call++)
        {
            using var response = await gateway.GetUser(userId, token);
            whileValid.Add(response.StatusCode);
        }

        await Task.Delay(expiresAt - DateTimeOffset.UtcNow + TimeSpan.FromSeconds(1.5));
        using var afterExpiry = await gateway.GetUser(userId, token);

        Assert.All(whileValid, status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.Equal(HttpStatusCode.Unauthorized, afterExpiry.StatusCode);
    }

    [Fact]
    public async Task The_same_claims_under_another_signature_are_refused_after_the_genuine_token_was_accepted()
    {
        var gateway = new GatewayClient(fixture.Gateway.CreateClient());
        var userId = await gateway.RegisterUser(A.Registration());
        var claims = A.Token(userId);
        var genuine = claims.Build();
        var forged = claims.SignedWith("another-secret-that-is-long-enough-for-hs256!!").Build();

        using var accepted = await gateway.GetUser(userId, genuine);
        using var refused = await gateway.GetUser(userId, forged);
        using var acceptedAgain = await gateway.GetUser(userId, genuine);

        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, acceptedAgain.StatusCode);
    }

    [Fact]
    public async Task Without_remembering_tokens_a_token_is_still_accepted_and_refused_as_before()
    {
        var gateway = _gateways.Client(new() { ["Jwt:ValidatedTokenCacheSize"] = "0" });
        var userId = await gateway.RegisterUser(A.Registration());

        using var accepted = await gateway.GetUser(userId, A.Token(userId).Build());
        using var refused = await gateway.GetUser(userId, A.Token(userId).SignedWith("another-secret-that-is-long-enough-for-hs256!!").Build());

        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }
}
