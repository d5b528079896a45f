using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using UserManagement.Contracts.Users;

namespace UserManagement.Gateway.Authentication;

/// <summary>
/// What the token handler does not check: that a token is shaped as this gateway issues it. The handler ignores
/// <c>crit</c>, reads times written as strings, turns an array <c>user_type</c> into several roles and accepts any
/// lifetime; so whoever holds the key could sign a token that reads as an administrator or never expires.
/// </summary>
public static class TokenShape
{
    private static readonly string[] TimeClaims = ["exp", "iat", "nbf"];

    private static readonly string[] Tiers = [UserTierNames.Standard, UserTierNames.Premium, UserTierNames.Admin];

    /// <summary>Why the token is refused, or <see langword="null"/> when it has the shape of an issued one.</summary>
    public static string? Problem(SecurityToken token, DateTimeOffset now, TimeSpan maxLifetime, TimeSpan clockSkew)
    {
        if (token is not JsonWebToken jwt)
        {
            return "not a JWS in compact form";
        }

        // RFC 7515 4.1.11: a recipient must refuse extensions it does not understand, and this one understands none.
        if (jwt.TryGetHeaderValue<object>("crit", out _))
        {
            return "a critical header extension";
        }

        using var payload = JsonDocument.Parse(Base64UrlEncoder.DecodeBytes(jwt.EncodedPayload));
        var claims = payload.RootElement;
        if (claims.ValueKind != JsonValueKind.Object)
        {
            return "a payload that is not an object";
        }

        foreach (var name in TimeClaims)
        {
            if (claims.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Number)
            {
                return $"'{name}' is not a number";
            }
        }

        if (!claims.TryGetProperty(TokenClaims.Subject, out var subject) || subject.ValueKind != JsonValueKind.String)
        {
            return "'sub' is not one string";
        }

        if (!claims.TryGetProperty(TokenClaims.UserType, out var tier)
            || tier.ValueKind != JsonValueKind.String
            || !Tiers.Contains(tier.GetString(), StringComparer.Ordinal))
        {
            return "'user_type' is not one of the tiers as one string";
        }

        return LifetimeProblem(claims, now, maxLifetime, clockSkew);
    }

    /// <summary>No longer than an issued token lasts, counted from its issue and from now, and not issued in the future.</summary>
    private static string? LifetimeProblem(JsonElement claims, DateTimeOffset now, TimeSpan maxLifetime, TimeSpan clockSkew)
    {
        if (!claims.TryGetProperty("exp", out var exp))
        {
            return "no 'exp'";
        }

        var expires = exp.GetDouble();
        var latest = (now + maxLifetime + clockSkew).ToUnixTimeSeconds();
        if (expires > latest)
        {
            return "it lasts longer than a token is accepted for";
        }

        if (claims.TryGetProperty("iat", out var iat))
        {
            var issued = iat.GetDouble();
            if (issued > (now + clockSkew).ToUnixTimeSeconds() || expires - issued > maxLifetime.TotalSeconds)
            {
                return "its issue time is in the future or too long before its expiry";
            }
        }

        return null;
    }
}
