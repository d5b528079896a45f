using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.WebUtilities;

namespace UserManagement.Gateway.Common;

/// <summary>RFC 9457 problem details written outside an endpoint (authentication, middleware, exception handling).</summary>
public static class Problems
{
    public const string ContentType = "application/problem+json";

    /// <summary>For <c>UseStatusCodePages</c>: an answer with a status and no body (an unknown path, say) gets one.</summary>
    public static Task WriteForStatusCode(StatusCodeContext context)
    {
        var status = context.HttpContext.Response.StatusCode;
        return Write(context.HttpContext, status, ReasonPhrases.GetReasonPhrase(status), detail: null);
    }

    public static async Task Write(HttpContext context, int status, string title, string? detail)
    {
        context.Response.StatusCode = status;
        var problem = new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        };

        // The problem details service writes only what the request's Accept header allows, and throws otherwise; an
        // API has one representation of its errors, so a client that accepts only HTML gets it too.
        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        if (!await problems.TryWriteAsync(problem))
        {
            await context.Response.WriteAsJsonAsync(problem.ProblemDetails, options: null, contentType: ContentType);
        }
    }
}
