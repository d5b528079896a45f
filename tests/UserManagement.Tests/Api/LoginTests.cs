using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using UserManagement.Tests.Builders;
using UserManagement.Tests.Infrastructure;

namespace UserManagement.Tests.Api;

[Collection(UserClusterCollection.Name)]
public sealed class LoginTests(UserClusterFixture fixture)
{
    private readonly GatewayClient _gateway = new(fixture.Gateway.CreateClient());

    [Fact]
    public async Task Login_answers_a_token_with_the_contracts_claims()
    {
        var registration = A.Registration();
        var userId = await _gateway.RegisterUser(registration);

        using var response = await _gateway.Login(registration.EmailAddress, registration.Password);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(["data", "message"], body!.Select(p => p.Key).Order());
        Assert.Equal(["token"], body["data"]!.AsObject().Select(p => p.Key));
        var token = new JsonWebToken(body["data"]!["token"]!.GetValue<string>());
        Assert.Equal("HS256", token.Alg);
        Assert.Equal(userId, token.Subject);
        Assert.Equal("STANDARD", token.Claims.Single(c => c.Type == "user_type").Value);
        Assert.Equal(TestSettings.JwtIssuer, token.Issuer);
        Assert.Equal([TestSettings.JwtAudience], token.Audiences);
        Assert.Contains(token.Claims, c => c.Type == "iat");
        Assert.Equal(TimeSpan.FromSeconds(86_400), token.ValidTo - token.IssuedAt);
    }

    [Fact]
    public async Task The_email_address_is_matched_without_regard_to_case()
    {
        var registration = A.Registration();
        await _gateway.RegisterUser(registration);

        using var response = await _gateway.Login(registration.EmailAddress.ToUpperInvariant(), registration.Password);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_wrong_password_and_an_unknown_address_get_the_same_401()
    {
        var registration = A.Registration();
        await _gateway.RegisterUser(registration);

        using var wrongPassword = await _gateway.Login(registration.EmailAddress, "not the right password");
        using var unknownAddress = await _gateway.Login($"nobody-{Guid.NewGuid():N}@example.com", "not the right password");

        Assert.Equal(HttpStatusCode.Unauthorized, wrongPassword.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unknownAddress.StatusCode);
        Assert.Equal(await ProblemWithoutTraceId(wrongPassword), await ProblemWithoutTraceId(unknownAddress));
    }

    [Fact]
    public async Task Missing_fields_are_named_in_a_400()
    {
        using var response = await _gateway.Http.PostAsJsonAsync("/login", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(["email_address", "password"], problem!["errors"]!.AsObject().Select(p => p.Key).Order());
    }

    [Fact]
    public async Task No_answer_contains_the_password_or_its_hash()
    {
        var registration = A.Registration().WithPassword("a very distinctive passphrase");
        using var registered = await _gateway.Register(registration);
        using var wrong = await _gateway.Login(registration.EmailAddress, "another distinctive passphrase");
        using var right = await _gateway.Login(registration.EmailAddress, registration.Password);

        foreach (var response in new[] { registered, wrong, right })
        {
            var text = await response.Content.ReadAsStringAsync();
            Assert.DoesNotContain("distinctive passphrase", text, StringComparison.Ordinal);
            Assert.DoesNotMatch(SecretPatterns.PasswordHash(), text);
        }
    }

    private static async Task<string> ProblemWithoutTraceId(HttpResponseMessage response)
    {
        var problem = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        problem.Remove("traceId");
        return problem.ToJsonString();
    }
}
