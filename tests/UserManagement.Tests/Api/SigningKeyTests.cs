using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using UserManagement.Tests.Builders;
using UserManagement.Tests.Infrastructure;

namespace UserManagement.Tests.Api;

[Collection(UserClusterCollection.Name)]
public sealed class SigningKeyTests(UserClusterFixture fixture) : IDisposable
{
    private const string CurrentSecret = "the-current-signing-secret-of-at-least-32-bytes";
    private const string RetiredSecret = "the-retired-signing-secret-of-at-least-32-bytes";

    private readonly ConfiguredGateways _gateways = new(fixture);

    public void Dispose() => _gateways.Dispose();

    [Fact]
    public async Task Tokens_are_signed_with_the_current_key_and_name_it()
    {
        var gateway = RotatingGateway();
        var registration = A.Registration();
        await gateway.RegisterUser(registration);

        var token = new JsonWebToken(await gateway.TokenFor(registration.EmailAddress, registration.Password));

        Assert.Equal("2026-11", token.Kid);
        Assert.Equal("HS256", token.Alg);
    }

    [Fact]
    public async Task A_token_signed_with_a_retired_but_listed_key_still_verifies()
    {
        var gateway = RotatingGateway();
        var userId = await gateway.RegisterUser(A.Registration());

        using var response = await gateway.GetUser(userId, SignedBy(userId, "2026-05", RetiredSecret));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_token_naming_an_unlisted_key_is_refused_even_when_signed_with_a_listed_secret()
    {
        var gateway = RotatingGateway();
        var userId = await gateway.RegisterUser(A.Registration());

        using var unlisted = await gateway.GetUser(userId, SignedBy(userId, "2025-01", "an-unlisted-signing-secret-of-at-least-32-bytes"));
        using var misnamed = await gateway.GetUser(userId, SignedBy(userId, "2025-01", CurrentSecret));

        Assert.Equal(HttpStatusCode.Unauthorized, unlisted.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, misnamed.StatusCode);
    }

    [Fact]
    public async Task The_JWKS_document_verifies_an_ES256_token()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var gateway = _gateways.Client(new()
        {
            ["Jwt:SigningKeys:0:KeyId"] = "es-2026-11",
            ["Jwt:SigningKeys:0:PrivateKeyPem"] = key.ExportECPrivateKeyPem(),
        });
        var registration = A.Registration();
        await gateway.RegisterUser(registration);
        var token = await gateway.TokenFor(registration.EmailAddress, registration.Password);

        var jwks = new JsonWebKeySet(await gateway.Http.GetStringAsync("/.well-known/jwks.json"));
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            IssuerSigningKeys = jwks.GetSigningKeys(),
            ValidIssuer = TestSettings.JwtIssuer,
            ValidAudience = TestSettings.JwtAudience,
            ValidAlgorithms = ["ES256"],
        });

        Assert.True(result.IsValid, result.Exception?.Message);
        Assert.Equal("ES256", new JsonWebToken(token).Alg);
        Assert.DoesNotContain("\"d\"", await gateway.Http.GetStringAsync("/.well-known/jwks.json"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_shared_secrets_only_the_JWKS_document_lists_no_keys()
    {
        var gateway = RotatingGateway();

        var jwks = await gateway.Http.GetFromJsonAsync<Dictionary<string, object[]>>("/.well-known/jwks.json");

        Assert.Empty(jwks!["keys"]);
    }

    private GatewayClient RotatingGateway() => _gateways.Client(new()
    {
        ["Jwt:CurrentKeyId"] = "2026-11",
        ["Jwt:SigningKeys:0:KeyId"] = "2026-11",
        ["Jwt:SigningKeys:0:Secret"] = CurrentSecret,
        ["Jwt:SigningKeys:1:KeyId"] = "2026-05",
        ["Jwt:SigningKeys:1:Secret"] = RetiredSecret,
    });

    private static string SignedBy(string userId, string keyId, string secret)
    {
        var handler = new JsonWebTokenHandler();
        return handler.CreateToken(new SecurityTokenDescriptor
        {
            Claims = new Dictionary<string, object> { ["sub"] = userId, ["user_type"] = "STANDARD" },
            Issuer = TestSettings.JwtIssuer,
            Audience = TestSettings.JwtAudience,
            Expires = DateTime.UtcNow.AddHours(1),
            SigningCredentials = new SigningCredentials(
                new SymmetricSecurityKey(System.Text.Encoding.UTF8.GetBytes(secret)) { KeyId = keyId }, SecurityAlgorithms.HmacSha256),
        });
    }
}
