using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.Tokens;
using UserManagement.Tests.Infrastructure;

namespace UserManagement.Tests.Builders;

/// <summary>
/// A JWT written member by member and signed with the test key (HS256), so a test can send what a library would
/// never write: odd header members, claims of the wrong JSON type, absurd lifetimes. By default it is a token the
/// gateway would issue: a standard user's, valid for an hour from now.
/// </summary>
public sealed class TokenBuilder
{
    private readonly JsonObject _header = new() { ["alg"] = "HS256", ["typ"] = "JWT" };
    private readonly JsonObject _payload;
    private string _secret = TestSettings.JwtSecret;

    public TokenBuilder(string subject)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        _payload = new JsonObject
        {
            ["sub"] = subject,
            ["user_type"] = "STANDARD",
            ["iss"] = TestSettings.JwtIssuer,
            ["aud"] = TestSettings.JwtAudience,
            ["iat"] = now,
            ["nbf"] = now,
            ["exp"] = now + 3600,
        };
    }

    public TokenBuilder WithHeader(string name, JsonNode? value)
    {
        _header[name] = value;
        return this;
    }

    public TokenBuilder WithClaim(string name, JsonNode? value)
    {
        _payload[name] = value;
        return this;
    }

    public TokenBuilder WithoutClaim(string name)
    {
        _payload.Remove(name);
        return this;
    }

    /// <summary>Issued at <paramref name="issuedAt"/> and valid for <paramref name="lifetime"/> from then.</summary>
    public TokenBuilder IssuedAt(DateTimeOffset issuedAt, TimeSpan lifetime)
    {
        var iat = issuedAt.ToUnixTimeSeconds();
        _payload["iat"] = iat;
        _payload["nbf"] = iat;
        _payload["exp"] = iat + (long)lifetime.TotalSeconds;
        return this;
    }

    public TokenBuilder SignedWith(string secret)
    {
        _secret = secret;
        return this;
    }

    public string Build()
    {
        var signed = $"{Encode(_header)}.{Encode(_payload)}";
        var signature = HMACSHA256.HashData(Encoding.UTF8.GetBytes(_secret), Encoding.ASCII.GetBytes(signed));
        return $"{signed}.{Base64UrlEncoder.Encode(signature)}";
    }

    private static string Encode(JsonObject member) => Base64UrlEncoder.Encode(member.ToJsonString());
}
