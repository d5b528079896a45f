using System.ComponentModel.DataAnnotations;
using UserManagement.Resilience;
using UserManagement.Contracts.Users;

namespace UserManagement.Grains.Users;

/// <summary>
/// Section <c>LoginThrottling</c>. Failures are counted per client address: after <see cref="FreeAttempts"/> within
/// <see cref="Window"/>, each further attempt from that address must wait <see cref="BaseDelay"/>
/// doubled per failure, never more than <see cref="MaxDelay"/>. Across all addresses an account takes
/// <see cref="AccountFailureLimit"/> failures per window; beyond that, addresses its owner has not logged in from wait
/// until the account's count has drained, while those the owner has logged in from go on as before.
/// </summary>
public sealed class LoginThrottlingOptions
{
    public const string SectionName = "LoginThrottling";

    /// <summary>How long a known address stays known after a log-in before it is refreshed (one write a day at most).</summary>
    public static readonly TimeSpan KnownAddressRefresh = TimeSpan.FromDays(1);

    [Range(1, 100)]
    public int FreeAttempts { get; set; } = 5;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(15);

    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Failures per window from all addresses together before addresses the owner has not used are held back.</summary>
    [Range(1, 1_000_000)]
    public int AccountFailureLimit { get; set; } = 100;

    /// <summary>How many addresses' failures an account keeps; the one that failed longest ago makes room for a new one.</summary>
    [Range(1, 100)]
    public int TrackedAddresses { get; set; } = 8;

    /// <summary>How many addresses the owner logged in from an account remembers (0: none, every address is a stranger's).</summary>
    [Range(0, 100)]
    public int KnownAddresses { get; set; } = 5;

    /// <summary>How long after its last log-in an address is still the owner's.</summary>
    public TimeSpan KnownAddressLifetime { get; set; } = TimeSpan.FromDays(30);

    public Backoff Backoff => new(BaseDelay, MaxDelay);

    /// <summary>How fast an account's failure count drains: <see cref="AccountFailureLimit"/> per window.</summary>
    public double AccountFailuresDrainedPerSecond => AccountFailureLimit / Window.TotalSeconds;

    /// <summary>Whether a failure at <paramref name="failedAt"/> still counts at <paramref name="now"/>.</summary>
    public bool IsWithinWindow(DateTimeOffset? failedAt, DateTimeOffset now) =>
        failedAt is { } at && now - at <= Window;
}
