using System.Net;

namespace UserManagement.Grains.Events;

/// <summary>Which of EventBridge's errors another try can get past.</summary>
internal static class EventBridgeErrorCodes
{
    // Throttling comes as 400 with one of these codes as well as 429; the rest are the service's own passing faults.
    private static readonly HashSet<string> TransientCodes = new(StringComparer.Ordinal)
    {
        "ThrottlingException", "Throttling", "TooManyRequestsException", "RequestLimitExceeded", "RequestThrottled",
        "RequestThrottledException", "RequestTimeout", "RequestTimeoutException", "InternalFailure", "InternalException",
        "ServiceUnavailable",
    };

    // An entry refused for one of these is refused again however often it is sent.
    private static readonly HashSet<string> PermanentEntryErrors = new(StringComparer.Ordinal)
    {
        "InvalidArgument", "MalformedDetail", "RedactionFailure", "NotAuthorizedForSourceException",
        "NotAuthorizedForDetailTypeException", "AccessDeniedException", "ValidationException",
        "ResourceNotFoundException",
    };

    public static bool IsTransientAnswer(HttpStatusCode status, string? code) =>
        (int)status >= 500 || status == HttpStatusCode.TooManyRequests || (code is not null && TransientCodes.Contains(code));

    public static bool IsTransientEntryError(string code) => !PermanentEntryErrors.Contains(code);
}
