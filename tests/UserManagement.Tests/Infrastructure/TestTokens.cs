using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace UserManagement.Tests.Infrastructure;

/// <summary>Tokens the gateway must refuse, made the way an attacker or a misconfigured service would.</summary>
public static class TestTokens
{
    public static string SignedWith(
        string subject,
        string userType = "STANDARD",
        string secret = TestSettings.JwtSecret,
        string issuer = TestSettings.JwtIssuer,
        string audience = TestSettings.JwtAudience,
        DateTime? expires = null)
    {
        var expiry = expires ?? DateTime.UtcNow.AddHours(1);
        var handler = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false };
        return handler.CreateToken(new SecurityTokenDescriptor
        {
            Subject = new ClaimsIdentity([new Claim("sub", subject), new Claim("user_type", userType)]),
            Issuer = issuer,
            Audience = audience,
            IssuedAt = expiry.AddHours(-2),
            Expires = expiry,
            SigningCredentials = new SigningCredentials(
                new SymmetricSecurityKey(Encoding.UTF8.GetBytes(secret)), SecurityAlgorithms.HmacSha256),
        });
    }

    /// <summary>The same claims with <c>alg: none</c> and no signature.</summary>
    public static string WithoutSignature(string subject, string userType = "ADMIN")
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var header = Base64UrlEncoder.Encode("""{"alg":"none","typ":"JWT"}""");
        var payload = Base64UrlEncoder.Encode(
            $$"""{"sub":"{{subject}}","user_type":"{{userType}}","iss":"{{TestSettings.JwtIssuer}}","aud":"{{TestSettings.JwtAudience}}","iat":{{now}},"exp":{{now + 3600}}}""");
        return $"{header}.{payload}.";
    }

    /// <summary>The token with its payload changed to name another subject, the signature kept.</summary>
    public static string WithSubjectReplaced(string token, string subject)
    {
        var parts = token.Split('.');
        var payload = Base64UrlEncoder.Decode(parts[1]);
        var start = payload.IndexOf("\"sub\":\"", StringComparison.Ordinal) + 7;
        var end = payload.IndexOf('"', start);
        var tampered = string.Concat(payload.AsSpan(0, start), subject, payload.AsSpan(end));
        return $"{parts[0]}.{Base64UrlEncoder.Encode(tampered)}.{parts[2]}";
    }
}
