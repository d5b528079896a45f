using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using UserManagement.Gateway.Common;

namespace UserManagement.Gateway.Security;

public static class CredentialsRateLimit
{
    public const string PolicyName = "credentials";

    public static IServiceCollection AddCredentialsRateLimit(this IServiceCollection services)
    {
        services.AddOptions<CredentialsRateLimitOptions>()
            .BindConfiguration(CredentialsRateLimitOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<CredentialsRateLimitOptions>>((limiter, limits) =>
        {
            limiter.AddPolicy(PolicyName, context => RateLimitPartition.GetTokenBucketLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = limits.Value.TokenLimit,
                    TokensPerPeriod = limits.Value.TokensPerPeriod,
                    ReplenishmentPeriod = limits.Value.ReplenishmentPeriod,
                    QueueLimit = 0,
                    AutoReplenishment = true,
                }));
            limiter.OnRejected = async (rejected, _) =>
            {
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait)
                    ? RetryAfter.Seconds(wait)
                    : RetryAfter.Seconds(limits.Value.ReplenishmentPeriod);
                rejected.HttpContext.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
                await Problems.Write(
                    rejected.HttpContext,
                    StatusCodes.Status429TooManyRequests,
                    "Too many requests",
                    $"Try again in {retryAfter} seconds.");
            };
        });
        return services;
    }
}
