namespace UserManagement.Gateway.Common;

/// <summary>RFC 9457 problem details written outside an endpoint (authentication, middleware, exception handling).</summary>
public static class Problems
{
    public static async Task Write(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }
}
