using System.ComponentModel.DataAnnotations;
using UserManagement.Resilience;

namespace UserManagement.Ingest.Consumer;

/// <summary>
/// Section <c>Ingest</c>: which queue the order events come from and how it is consumed. The SQS endpoint, region and
/// credentials follow the AWS SDK's own conventions (<c>AWS_ENDPOINT_URL_SQS</c>, <c>AWS_REGION</c>, the default
/// credential chain), so they are not repeated here.
/// </summary>
public sealed class IngestOptions : IValidatableObject
{
    public const string SectionName = "Ingest";

    /// <summary>The source queue's URL; or give <see cref="QueueName"/> and the URL is looked up. The URL wins when both are set.</summary>
    public string? QueueUrl { get; set; }

    public string? QueueName { get; set; }

    /// <summary>Where messages that can never succeed are moved, with the reason; or give <see cref="DeadLetterQueueName"/>.</summary>
    public string? DeadLetterQueueUrl { get; set; }

    public string? DeadLetterQueueName { get; set; }

    /// <summary>How many receive loops run at once; each works on up to <see cref="MaxMessages"/> messages in parallel.</summary>
    [Range(1, 64)]
    public int Pollers { get; set; } = 2;

    [Range(1, 10)]
    public int MaxMessages { get; set; } = 10;

    /// <summary>Long polling: how long one receive waits for a message.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:20")]
    public TimeSpan WaitTime { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>How long a received message stays hidden from other consumers, and how far each heartbeat pushes it.</summary>
    [Range(typeof(TimeSpan), "00:00:02", "12:00:00")]
    public TimeSpan VisibilityTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Messages still in work after this long (and again every this long) get their visibility extended.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "12:00:00")]
    public TimeSpan Heartbeat { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// After a failed grain call a message comes back after this, doubled with every receive, up to the maximum. An
    /// outage of the cluster does not spend these receives: the circuit breaker stops receiving until it answers.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "12:00:00")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    [Range(typeof(TimeSpan), "00:00:00", "12:00:00")]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// While the cluster does not answer, it is probed after this, doubled with every probe that fails, up to
    /// <see cref="ClusterProbeMaxDelay"/>; receiving resumes with the first answer.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan ClusterProbeDelay { get; set; } = TimeSpan.FromSeconds(1);

    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan ClusterProbeMaxDelay { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Link the producer's trace instead of continuing it (the old service's <c>USE_SPAN_LINK</c>).</summary>
    public bool UseSpanLink { get; set; }

    /// <summary>How long a message released after its receive number <paramref name="receiveCount"/> stays away.</summary>
    public TimeSpan RetryDelayAfter(int receiveCount) => new Backoff(RetryDelay, MaxRetryDelay).Delay(Math.Max(receiveCount, 1));

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(QueueUrl) && string.IsNullOrWhiteSpace(QueueName))
        {
            yield return new ValidationResult("Ingest:QueueUrl or Ingest:QueueName must be configured.", [nameof(QueueUrl)]);
        }

        if (string.IsNullOrWhiteSpace(DeadLetterQueueUrl) && string.IsNullOrWhiteSpace(DeadLetterQueueName))
        {
            yield return new ValidationResult(
                "Ingest:DeadLetterQueueUrl or Ingest:DeadLetterQueueName must be configured.", [nameof(DeadLetterQueueUrl)]);
        }

        if (Heartbeat >= VisibilityTimeout)
        {
            yield return new ValidationResult(
                "Ingest:Heartbeat must be shorter than Ingest:VisibilityTimeout, or messages reappear while in work.",
                [nameof(Heartbeat)]);
        }

        if (ClusterProbeMaxDelay < ClusterProbeDelay)
        {
            yield return new ValidationResult(
                "Ingest:ClusterProbeMaxDelay must not be shorter than Ingest:ClusterProbeDelay.", [nameof(ClusterProbeMaxDelay)]);
        }

        if (MaxRetryDelay < RetryDelay)
        {
            yield return new ValidationResult(
                "Ingest:MaxRetryDelay must not be shorter than Ingest:RetryDelay.", [nameof(MaxRetryDelay)]);
        }
    }
}
