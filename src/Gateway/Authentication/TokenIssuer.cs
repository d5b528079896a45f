using System.Security.Claims;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using UserManagement.Contracts.Users;

namespace UserManagement.Gateway.Authentication;

public sealed class TokenIssuer(IOptions<JwtOptions> options, SigningKeyRing keys, TimeProvider time)
{
    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };

    public string Issue(UserDetails user)
    {
        var jwt = options.Value;
        var now = time.GetUtcNow().UtcDateTime;
        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            Subject = new ClaimsIdentity(
            [
                new Claim(TokenClaims.Subject, user.UserId),
                new Claim(TokenClaims.UserType, user.Tier.ToWireName()),
            ]),
            Issuer = jwt.Issuer,
            Audience = jwt.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.Add(jwt.Lifetime),
            SigningCredentials = keys.Current,
        });
    }
}
