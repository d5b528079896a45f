using System.ComponentModel.DataAnnotations;

namespace UserManagement.Events.EventBridge;

/// <summary>Section <c>Events</c>: where events go to EventBridge, and how long one try may take.</summary>
public sealed class EventBridgeOptions
{
    public const string SectionName = "Events";

    /// <summary>The SDK's service-specific endpoint variable; when set it wins over <see cref="ServiceUrl"/>.</summary>
    public const string EndpointVariable = "AWS_ENDPOINT_URL_EVENTBRIDGE";

    [Required]
    public string EventBusName { get; set; } = "shared-events";

    /// <summary>The signing region; <c>AWS_REGION</c> (or <c>AWS_DEFAULT_REGION</c>) when not set here.</summary>
    [Required(ErrorMessage = "Events:Region (or AWS_REGION) must name the AWS region of the event bus.")]
    public string? Region { get; set; }

    /// <summary>The endpoint to call instead of <c>https://events.{Region}.amazonaws.com</c>, e.g. a local stand-in.</summary>
    public Uri? ServiceUrl { get; set; }

    /// <summary>
    /// How long one <c>PutEvents</c> request may take, credentials included, before it counts as a transient failure.
    /// Short: EventBridge answers in milliseconds, and a hung request only delays the outbox's next attempt.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(3);

    internal Uri Endpoint => ServiceUrl ?? new Uri($"https://events.{Region}.amazonaws.com");
}
