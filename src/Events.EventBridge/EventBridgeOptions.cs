using System.ComponentModel.DataAnnotations;

namespace UserManagement.Grains.Events;

/// <summary>Where and how events go to EventBridge.</summary>
public sealed class EventBridgeOptions
{
    public const string SectionName = "Events";

    /// <summary>The SDK's service-specific endpoint variable; when set it wins over <see cref="ServiceUrl"/>.</summary>
    public const string EndpointVariable = "AWS_ENDPOINT_URL_EVENTBRIDGE";

    [Required]
    public string EventBusName { get; set; } = "shared-events";

    /// <summary>The <c>source</c> of the events this service publishes; production sets <c>&lt;env&gt;.users</c>.</summary>
    [Required]
    public string Source { get; set; } = "local.users";

    /// <summary>The signing region; <c>AWS_REGION</c> (or <c>AWS_DEFAULT_REGION</c>) when not set here.</summary>
    [Required(ErrorMessage = "Events:Region (or AWS_REGION) must name the AWS region of the event bus.")]
    public string? Region { get; set; }

    /// <summary>The endpoint to call instead of <c>https://events.{Region}.amazonaws.com</c>, e.g. a local stand-in.</summary>
    public Uri? ServiceUrl { get; set; }

    /// <summary>How many requests one batch of entries may take, the first included.</summary>
    [Range(1, 20)]
    public int MaxAttempts { get; set; } = 4;

    /// <summary>How long one request may take before it counts as failed and is tried again.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The back-off before the second try; it doubles each try, up to <see cref="RetryMaxDelay"/>, with jitter.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(5);

    internal Uri Endpoint => ServiceUrl ?? new Uri($"https://events.{Region}.amazonaws.com");
}
