using System.ComponentModel.DataAnnotations;
using UserManagement.Resilience;

namespace UserManagement.Grains.Outbox;

/// <summary>Section <c>Outbox</c>: how events that EventBridge did not accept are retried.</summary>
public sealed class OutboxOptions
{
    public const string SectionName = "Outbox";

    /// <summary>The first retry's delay; it doubles per failure…</summary>
    [Range(0.01, 3_600)]
    public double RetryBaseDelaySeconds { get; set; } = 1;

    /// <summary>…up to this.</summary>
    [Range(0.01, 86_400)]
    public double RetryMaxDelaySeconds { get; set; } = 300;

    /// <summary>How often each silo looks for users whose events are still pending (after a crash, say).</summary>
    [Range(0.1, 86_400)]
    public double SweepIntervalSeconds { get; set; } = 60;

    public TimeSpan RetryDelay(int failures) =>
        new Backoff(TimeSpan.FromSeconds(RetryBaseDelaySeconds), TimeSpan.FromSeconds(RetryMaxDelaySeconds)).Delay(failures);
}
