using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;
using UserManagement.Contracts.Passwords;

namespace UserManagement.Gateway.Common;

/// <summary>
/// Turns what goes wrong outside an endpoint's own logic into problem details: an unreadable body is the client's
/// error (4xx, nothing echoed back); an unreachable cluster, a grain call past its deadline and saturated password
/// hashing are a temporary 503 with <c>Retry-After</c> (<see cref="GrainCallFailures"/>); any other failure is permanent,
/// a 500, logged as an error.
/// </summary>
public sealed partial class RequestExceptionHandler(ILogger<RequestExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        switch (exception)
        {
            case BadHttpRequestException badRequest:
                await Problems.Write(httpContext, badRequest.StatusCode, "The request could not be read", ReasonFor(badRequest.StatusCode));
                return true;
            case PasswordHashingBusyException busy:
                var seconds = RetryAfter.Seconds(busy.RetryAfter);
                LogHashingBusy(logger, seconds);
                httpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await Problems.Write(
                    httpContext,
                    StatusCodes.Status503ServiceUnavailable,
                    "Too many password checks at once",
                    $"Nothing was checked. Try again in {seconds} seconds.");
                return true;
            case InvalidDataException:
                // A form the reader refuses (a NUL in a value, say), met first by OpenIddict as it reads an OAuth request.
                await Problems.Write(httpContext, StatusCodes.Status400BadRequest, "The request could not be read", "The form is not valid.");
                return true;
            case OperationCanceledException when httpContext.RequestAborted.IsCancellationRequested:
                return false;
            case var _ when GrainCallFailures.IsTransient(exception):
                LogClusterUnavailable(logger, exception.GetType().Name);
                httpContext.Response.Headers.RetryAfter = "1";
                await Problems.Write(httpContext, StatusCodes.Status503ServiceUnavailable, "Service unavailable", "Try again shortly.");
                return true;
            default:
                // Trying again would fail again (a state too large to store, an item that cannot be read, a bug):
                // no Retry-After, and logged as the error it is. The body says nothing of the cause.
                // The route, not the path: a path such as /user/jane@example.com names a person.
                LogFailed(logger, exception, httpContext.Request.Method, (httpContext.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "(no route)");
                await Problems.Write(httpContext, StatusCodes.Status500InternalServerError, "The request failed", "The failure has been logged.");
                return true;
        }
    }

    private static string ReasonFor(int status) => status switch
    {
        StatusCodes.Status413PayloadTooLarge => RequestBodyLimit.TooLargeDetail,
        StatusCodes.Status415UnsupportedMediaType => JsonRequestContent.UnsupportedDetail,
        _ => "The request body is not valid JSON of the expected shape.",
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Password hashing is saturated; answered 503, retry after {Seconds} s")]
    private static partial void LogHashingBusy(ILogger logger, int seconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Method} {Route} failed; answered 500")]
    private static partial void LogFailed(ILogger logger, Exception exception, string method, string route);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The cluster did not answer ({ExceptionType}); answered 503")]
    private static partial void LogClusterUnavailable(ILogger logger, string exceptionType);
}
