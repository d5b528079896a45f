using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using UserManagement.Contracts.Users;
using UserManagement.Tests.Builders;
using UserManagement.Tests.Infrastructure;

namespace UserManagement.Tests.Api;

[Collection(UserClusterCollection.Name)]
public sealed class GetUserTests(UserClusterFixture fixture)
{
    private readonly GatewayClient _gateway = new(fixture.Gateway.CreateClient());

    [Fact]
    public async Task A_token_from_login_reads_its_own_user_by_id_and_by_email_address()
    {
        var registration = A.Registration();
        var userId = await _gateway.RegisterUser(registration);
        var token = await _gateway.TokenFor(registration.EmailAddress, registration.Password);

        using var byId = await _gateway.GetUser(userId, token);
        using var byEmail = await _gateway.GetUser(registration.EmailAddress.ToUpperInvariant(), token);

        Assert.Equal(HttpStatusCode.OK, byId.StatusCode);
        Assert.Equal(HttpStatusCode.OK, byEmail.StatusCode);
        var body = (await byId.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(userId, body!["data"]!["userId"]!.GetValue<string>());
        Assert.Equal("", body["message"]!.GetValue<string>());
        Assert.Equal(body.ToJsonString(), (await byEmail.Content.ReadFromJsonAsync<JsonObject>())!.ToJsonString());
    }

    [Fact]
    public async Task The_order_count_is_part_of_the_user()
    {
        var registration = A.Registration();
        var userId = await _gateway.RegisterUser(registration);
        await fixture.Grains.GetUser(userId).RecordCompletedOrder(new CompletedOrder("ORD-1"));
        var token = await _gateway.TokenFor(registration.EmailAddress, registration.Password);

        using var response = await _gateway.GetUser(userId, token);

        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(1, body!["data"]!["orderCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task Without_a_token_the_answer_is_a_401_problem()
    {
        var userId = await _gateway.RegisterUser(A.Registration());

        using var response = await _gateway.GetUser(userId, token: null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_users_details_are_forbidden()
    {
        var reader = A.Registration();
        await _gateway.RegisterUser(reader);
        var otherId = await _gateway.RegisterUser(A.Registration());
        var token = await _gateway.TokenFor(reader.EmailAddress, reader.Password);

        using var response = await _gateway.GetUser(otherId, token);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task An_admin_reads_any_user()
    {
        var userId = await _gateway.RegisterUser(A.Registration());
        var adminToken = await _gateway.TokenFor(TestSettings.AdminEmailAddress, TestSettings.AdminPassword);

        using var response = await _gateway.GetUser(userId, adminToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task An_admin_asking_for_nobody_gets_404()
    {
        var adminToken = await _gateway.TokenFor(TestSettings.AdminEmailAddress, TestSettings.AdminPassword);

        using var response = await _gateway.GetUser($"nobody-{Guid.NewGuid():N}@example.com", adminToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task A_tampered_token_is_refused()
    {
        var registration = A.Registration();
        await _gateway.RegisterUser(registration);
        var victimId = await _gateway.RegisterUser(A.Registration());
        var token = await _gateway.TokenFor(registration.EmailAddress, registration.Password);

        using var response = await _gateway.GetUser(victimId, TestTokens.WithSubjectReplaced(token, victimId));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task An_expired_token_is_refused()
    {
        var userId = await _gateway.RegisterUser(A.Registration());

        using var response = await _gateway.GetUser(userId, TestTokens.SignedWith(userId, expires: DateTime.UtcNow.AddMinutes(-5)));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_token_signed_with_another_key_is_refused()
    {
        var userId = await _gateway.RegisterUser(A.Registration());

        using var response = await _gateway.GetUser(userId, TestTokens.SignedWith(userId, secret: "another-secret-that-is-long-enough-for-hs256!"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task An_unsigned_token_claiming_admin_is_refused()
    {
        var userId = await _gateway.RegisterUser(A.Registration());

        using var response = await _gateway.GetUser(userId, TestTokens.WithoutSignature(userId));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("another-issuer", TestSettings.JwtAudience)]
    [InlineData(TestSettings.JwtIssuer, "another-audience")]
    public async Task A_token_for_another_issuer_or_audience_is_refused(string issuer, string audience)
    {
        var userId = await _gateway.RegisterUser(A.Registration());

        using var response = await _gateway.GetUser(userId, TestTokens.SignedWith(userId, issuer: issuer, audience: audience));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
