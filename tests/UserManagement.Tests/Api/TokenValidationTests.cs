using System.Net;
using System.Text.Json.Nodes;
using UserManagement.Tests.Builders;
using UserManagement.Tests.Infrastructure;

namespace UserManagement.Tests.Api;

/// <summary>
/// Tokens signed with the right key but shaped as the gateway never issues them: whoever holds the key (another
/// service, a leaked copy) must not be able to make one that reads more, or lasts longer, than an issued one.
/// </summary>
[Collection(UserClusterCollection.Name)]
public sealed class TokenValidationTests(UserClusterFixture fixture) : IDisposable
{
    private readonly GatewayClient _gateway = new(fixture.Gateway.CreateClient());
    private readonly ConfiguredGateways _gateways = new(fixture);

    public void Dispose() => _gateways.Dispose();

    [Fact]
    public async Task A_token_as_issued_is_accepted()
    {
        var userId = await _gateway.RegisterUser(A.Registration());

        using var response = await _gateway.GetUser(userId, A.Token(userId).Build());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("""["exp"]""")]
    [InlineData("""["b64"]""")]
    [InlineData("""["x-shop-scope"]""")]
    [InlineData("[]")]
    public async Task A_token_with_a_critical_header_is_refused(string critical)
    {
        var userId = AnyUserId();

        using var response = await _gateway.GetUser(userId, A.Token(userId).WithHeader("crit", JsonNode.Parse(critical)).WithHeader("b64", true).Build());

        AssertRefused(response);
    }

    [Theory]
    [InlineData("exp", "\"4102444800\"")]
    [InlineData("exp", "\"9999-12-31T23:59:59Z\"")]
    [InlineData("exp", "[4102444800]")]
    [InlineData("exp", "true")]
    [InlineData("exp", "null")]
    [InlineData("iat", "\"0\"")]
    [InlineData("iat", "{}")]
    [InlineData("nbf", "\"0\"")]
    [InlineData("nbf", "null")]
    public async Task A_time_claim_that_is_not_a_number_is_refused(string claim, string value)
    {
        var userId = AnyUserId();

        using var response = await _gateway.GetUser(userId, A.Token(userId).WithClaim(claim, JsonNode.Parse(value)).Build());

        AssertRefused(response);
    }

    [Theory]
    [InlineData("""["STANDARD","ADMIN"]""")]
    [InlineData("""["ADMIN"]""")]
    [InlineData("\"admin\"")]
    [InlineData("\"ADMIN \"")]
    [InlineData("\"SUPERUSER\"")]
    [InlineData("\"\"")]
    [InlineData("2")]
    [InlineData("""{"type":"ADMIN"}""")]
    [InlineData("null")]
    public async Task A_user_type_that_is_not_one_of_the_three_tiers_as_one_string_is_refused(string userType)
    {
        var userId = AnyUserId();
        var victimId = AnyUserId();
        var token = A.Token(userId).WithClaim("user_type", JsonNode.Parse(userType)).Build();

        using var own = await _gateway.GetUser(userId, token);
        using var other = await _gateway.GetUser(victimId, token);

        AssertRefused(own);
        AssertRefused(other);
    }

    [Fact]
    public async Task A_token_without_a_user_type_or_subject_string_is_refused()
    {
        var userId = AnyUserId();

        using var withoutType = await _gateway.GetUser(userId, A.Token(userId).WithoutClaim("user_type").Build());
        using var subjectArray = await _gateway.GetUser(userId, A.Token(userId).WithClaim("sub", new JsonArray(userId)).Build());

        AssertRefused(withoutType);
        AssertRefused(subjectArray);
    }

    [Fact]
    public async Task A_validly_signed_token_that_lasts_until_the_year_9999_is_refused()
    {
        var userId = AnyUserId();

        using var response = await _gateway.GetUser(userId, A.Token(userId).WithClaim("exp", 253402300799).Build());

        AssertRefused(response);
    }

    [Fact]
    public async Task A_token_is_accepted_for_no_longer_than_the_issuing_lifetime_by_default()
    {
        var userId = await _gateway.RegisterUser(A.Registration());
        var now = DateTimeOffset.UtcNow;

        using var issuedLifetime = await _gateway.GetUser(userId, A.Token(userId).IssuedAt(now.AddHours(-1), TimeSpan.FromDays(1)).Build());
        using var longer = await _gateway.GetUser(userId, A.Token(userId).IssuedAt(now.AddHours(-1), TimeSpan.FromDays(1) + TimeSpan.FromMinutes(5)).Build());
        using var issuedInTheFuture = await _gateway.GetUser(userId, A.Token(userId).IssuedAt(now.AddHours(1), TimeSpan.FromHours(1)).Build());
        using var withoutIssueTime = await _gateway.GetUser(userId, A.Token(userId).WithoutClaim("iat").WithClaim("exp", now.AddDays(2).ToUnixTimeSeconds()).Build());

        Assert.Equal(HttpStatusCode.OK, issuedLifetime.StatusCode);
        AssertRefused(longer);
        AssertRefused(issuedInTheFuture);
        AssertRefused(withoutIssueTime);
    }

    [Fact]
    public async Task The_longest_accepted_lifetime_is_configurable()
    {
        var gateway = _gateways.Client(new() { ["Jwt:MaxAcceptedLifetime"] = "2.00:00:00" });
        var userId = await gateway.RegisterUser(A.Registration());
        var now = DateTimeOffset.UtcNow;

        using var withinTwoDays = await gateway.GetUser(userId, A.Token(userId).IssuedAt(now.AddHours(-1), TimeSpan.FromHours(36)).Build());
        using var overTwoDays = await gateway.GetUser(userId, A.Token(userId).IssuedAt(now.AddHours(-1), TimeSpan.FromHours(49)).Build());

        Assert.Equal(HttpStatusCode.OK, withinTwoDays.StatusCode);
        AssertRefused(overTwoDays);
    }

    [Fact]
    public void A_longest_accepted_lifetime_shorter_than_the_issuing_one_stops_the_gateway_at_start()
    {
        var gateway = _gateways.Factory(new() { ["Jwt:MaxAcceptedLifetime"] = "01:00:00", ["Jwt:Lifetime"] = "1.00:00:00" });

        var failure = Assert.ThrowsAny<Exception>(() => gateway.CreateClient());

        Assert.Contains("MaxAcceptedLifetime", failure.ToString(), StringComparison.Ordinal);
    }

    /// <summary>
    /// A refusal happens before any user is read, so refused tokens may name users nobody registered: accepted, such
    /// a token would get 404 or 403, not 401.
    /// </summary>
    private static string AnyUserId() => Guid.NewGuid().ToString();

    private static void AssertRefused(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("invalid_token", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }
}
