using System.ComponentModel.DataAnnotations;

namespace UserManagement.Gateway.Security;

/// <summary>
/// Section <c>RateLimiting</c>: a token bucket per client address on the endpoints that take credentials
/// (<c>POST /login</c>, <c>POST /user</c>). A client may burst <see cref="TokenLimit"/> calls, then
/// <see cref="TokensPerPeriod"/> per <see cref="ReplenishmentPeriod"/>.
/// </summary>
public sealed class CredentialsRateLimitOptions
{
    public const string SectionName = "RateLimiting";

    [Range(1, 1_000_000)]
    public int TokenLimit { get; set; } = 20;

    [Range(1, 1_000_000)]
    public int TokensPerPeriod { get; set; } = 10;

    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan ReplenishmentPeriod { get; set; } = TimeSpan.FromMinutes(1);
}
