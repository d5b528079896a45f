using System.Net;
using UserManagement.Grains.Outbox;

namespace UserManagement.Events.EventBridge;

/// <summary>What each of EventBridge's answers means for the outbox: try again later, slow down, or give up.</summary>
internal static class EventBridgeErrorCodes
{
    // Throttling comes as 400 with one of these codes as well as 429.
    private static readonly HashSet<string> ThrottlingCodes = new(StringComparer.Ordinal)
    {
        "ThrottlingException", "Throttling", "TooManyRequestsException", "RequestLimitExceeded", "RequestThrottled",
        "RequestThrottledException",
    };

    // The service's own passing faults, and signing faults that fresh credentials or a corrected clock get past.
    private static readonly HashSet<string> TransientCodes = new(StringComparer.Ordinal)
    {
        "RequestTimeout", "RequestTimeoutException", "InternalFailure", "InternalException", "ServiceUnavailable",
        "ExpiredTokenException", "RequestExpired",
    };

    // An entry refused for one of these is refused again however often it is sent.
    private static readonly HashSet<string> PermanentEntryCodes = new(StringComparer.Ordinal)
    {
        "InvalidArgument", "MalformedDetail", "RedactionFailure", "NotAuthorizedForSourceException",
        "NotAuthorizedForDetailTypeException", "AccessDeniedException", "ValidationException", "ResourceNotFoundException",
    };

    /// <summary>The outcome of a request EventBridge answered with an error as a whole (not 2xx).</summary>
    public static PublishResult OfAnswer(HttpStatusCode status, string? code) =>
        status == HttpStatusCode.TooManyRequests || (code is not null && ThrottlingCodes.Contains(code)) ? PublishResult.Throttled
        : (int)status >= 500 || (code is not null && TransientCodes.Contains(code)) ? PublishResult.Transient
        // The rest of the 4xx (AccessDeniedException, ResourceNotFoundException for an unknown bus,
        // ValidationException, UnrecognizedClientException) is refused again however often it is sent.
        : PublishResult.Permanent;

    /// <summary>The outcome of one entry EventBridge refused within a successful answer (<c>FailedEntryCount</c> &gt; 0).</summary>
    public static PublishResult OfEntry(string code) =>
        ThrottlingCodes.Contains(code) ? PublishResult.Throttled
        : PermanentEntryCodes.Contains(code) ? PublishResult.Permanent
        // InternalFailure and codes not known here: another attempt is harmless, and the attempts are bounded.
        : PublishResult.Transient;
}
