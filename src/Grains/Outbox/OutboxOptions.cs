using System.ComponentModel.DataAnnotations;
using UserManagement.Resilience;

namespace UserManagement.Grains.Outbox;

/// <summary>Section <c>Outbox</c>: the one retry loop between a change and its event on the bus.</summary>
public sealed class OutboxOptions
{
    public const string SectionName = "Outbox";

    /// <summary>
    /// Failed attempts after which an event is parked. With the default back-off that is about 45 minutes of the bus
    /// failing; an error no retry can fix (access denied, an unknown bus) parks it at once.
    /// </summary>
    [Range(1, 1_000)]
    public int MaxAttempts { get; set; } = 20;

    /// <summary>The wait after the first failed attempt; it doubles per failure…</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>…up to this. Each wait is drawn between half of it and all of it, so users that failed together spread out.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "1.00:00:00")]
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long an attempt may go unanswered (its silo died, or the publisher was too busy to take it) before it is
    /// made again. Longer than <c>Events:RequestTimeout</c> plus Orleans's message expiry, so a slow attempt is not
    /// doubled by its own retry.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The wait before the next attempt after failure number <paramref name="failures"/>, jittered.</summary>
    public TimeSpan RetryDelay(int failures) => new Backoff(RetryBaseDelay, RetryMaxDelay).DelayWithJitter(failures);
}
