using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using UserManagement.Gateway.Common;

namespace UserManagement.Gateway.Authentication;

/// <summary>
/// Validation pins the algorithm, issuer, audience, lifetime and key, then the token's shape (<see cref="TokenShape"/>);
/// a refused token gets a problem body. A token that passed is not verified again until it expires.
/// </summary>
public sealed class ConfigureJwtBearer(IOptions<JwtOptions> options, SigningKeyRing keys, TimeProvider time, ValidatedTokenCache cache)
    : IConfigureNamedOptions<JwtBearerOptions>
{
    public void Configure(string? name, JwtBearerOptions bearer) => Configure(bearer);

    public void Configure(JwtBearerOptions bearer)
    {
        var jwt = options.Value;
        bearer.MapInboundClaims = false;
        bearer.TokenValidationParameters = new TokenValidationParameters
        {
            ValidAlgorithms = keys.Algorithms.ToList(),
            ValidateIssuerSigningKey = true,
            IssuerSigningKeyResolver = (_, _, keyId, _) => keys.Resolve(keyId),
            TryAllIssuerSigningKeys = false,
            ValidateIssuer = true,
            ValidIssuer = jwt.Issuer,
            ValidateAudience = true,
            ValidAudience = jwt.Audience,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ClockSkew = jwt.ClockSkew,
            NameClaimType = TokenClaims.Subject,
            RoleClaimType = TokenClaims.UserType,
        };
        // Every check above runs once per token; the outcome is reused until the token expires (ValidatedTokenCache).
        var handlers = bearer.TokenHandlers.Select(handler => handler as CachedTokenValidation ?? new CachedTokenValidation(handler, cache, bearer.TokenValidationParameters)).ToList();
        bearer.TokenHandlers.Clear();
        handlers.ForEach(bearer.TokenHandlers.Add);
        bearer.Events = new JwtBearerEvents
        {
            OnTokenValidated = context =>
            {
                var problem = TokenShape.Problem(context.SecurityToken, time.GetUtcNow(), jwt.EffectiveMaxAcceptedLifetime, jwt.ClockSkew);
                if (problem is not null)
                {
                    context.Fail($"The token is not shaped as an issued one: {problem}.");
                }

                return Task.CompletedTask;
            },
            OnChallenge = async context =>
            {
                context.HandleResponse();
                context.Response.Headers.WWWAuthenticate = context.AuthenticateFailure is null
                    ? "Bearer"
                    : "Bearer error=\"invalid_token\"";
                await Problems.Write(
                    context.HttpContext,
                    StatusCodes.Status401Unauthorized,
                    "Authentication required",
                    "A valid bearer token is required.");
            },
        };
    }
}
