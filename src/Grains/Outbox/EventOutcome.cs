namespace UserManagement.Grains.Outbox;

/// <summary>The result of one attempt for one event, with the bus's error where there was one.</summary>
/// <param name="EventId">The CloudEvent id of the event.</param>
/// <param name="ErrorCode">The AWS error code (<c>ThrottlingException</c>, an entry's <c>InternalFailure</c>), or
/// <c>Http503</c>, <c>Timeout</c>, <c>Transport</c> when the request as a whole failed.</param>
[GenerateSerializer, Immutable]
public sealed record EventOutcome(
    [property: Id(0)] string EventId,
    [property: Id(1)] PublishResult Result,
    [property: Id(2)] string? ErrorCode = null,
    [property: Id(3)] string? ErrorMessage = null)
{
    /// <summary>The error as one line for logs and the stored event, e.g. <c>AccessDeniedException: not allowed</c>.</summary>
    public string? Reason => ErrorCode is null ? null : string.IsNullOrEmpty(ErrorMessage) ? ErrorCode : $"{ErrorCode}: {ErrorMessage}";
}
