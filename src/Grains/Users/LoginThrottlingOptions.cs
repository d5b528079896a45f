using System.ComponentModel.DataAnnotations;
using UserManagement.Resilience;

namespace UserManagement.Grains.Users;

/// <summary>
/// Section <c>LoginThrottling</c>: after <see cref="FreeAttempts"/> failures within <see cref="WindowSeconds"/>, each
/// further attempt must wait <see cref="BaseDelaySeconds"/> doubled per failure, never more than
/// <see cref="MaxDelaySeconds"/>, so a guesser is slowed to one try per cap while the owner is never locked out longer.
/// </summary>
public sealed class LoginThrottlingOptions
{
    public const string SectionName = "LoginThrottling";

    [Range(1, 100)]
    public int FreeAttempts { get; set; } = 5;

    [Range(1, 86_400)]
    public int WindowSeconds { get; set; } = 900;

    [Range(0.01, 3_600)]
    public double BaseDelaySeconds { get; set; } = 1;

    [Range(0.01, 3_600)]
    public double MaxDelaySeconds { get; set; } = 60;

    /// <summary>How long to wait after <paramref name="failures"/> failures, the last at <paramref name="lastFailure"/>.</summary>
    public TimeSpan RemainingDelay(int failures, DateTimeOffset? lastFailure, DateTimeOffset now)
    {
        if (failures < FreeAttempts || !IsWithinWindow(lastFailure, now))
        {
            return TimeSpan.Zero;
        }

        var backoff = new Backoff(TimeSpan.FromSeconds(BaseDelaySeconds), TimeSpan.FromSeconds(MaxDelaySeconds));
        var remaining = lastFailure!.Value + backoff.Delay(failures - FreeAttempts + 1) - now;
        return remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero;
    }

    /// <summary>Whether a failure at <paramref name="lastFailure"/> still counts at <paramref name="now"/>.</summary>
    public bool IsWithinWindow(DateTimeOffset? lastFailure, DateTimeOffset now) =>
        lastFailure is { } last && now - last <= TimeSpan.FromSeconds(WindowSeconds);
}
