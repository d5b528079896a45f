using System.Net;

namespace UserManagement.Grains.Events;

/// <summary>Which of EventBridge's errors another try can get past.</summary>
internal static class EventBridgeErrorCodes
{
    // EventBridge throttles with 400 and one of these codes, not only with 429.
    private static readonly HashSet<string> Throttling = new(StringComparer.Ordinal)
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
        (int)status >= 500 || status == HttpStatusCode.TooManyRequests || (code is not null && Throttling.Contains(code));

    public static bool IsTransientEntryError(string code) => !PermanentEntryErrors.Contains(code);
}
