namespace UserManagement.Gateway.Security;

/// <summary>Response headers for a JSON API that no browser should render, frame, sniff or cache.</summary>
public static class SecurityHeaders
{
    private const string ApiReferencePath = "/scalar";

    /// <summary>
    /// Adds the headers to every answer the application pipeline gives, from the outermost position: ahead of the
    /// middleware ASP.NET Core puts in front of the application's own (host filtering, forwarded headers), so their
    /// refusals carry the headers too. Kestrel's own refusals of malformed requests never reach a pipeline.
    /// </summary>
    public static IServiceCollection AddSecurityHeaders(this IServiceCollection services)
    {
        // Startup filters wrap the pipeline in registration order, the first registered outermost.
        services.Insert(0, ServiceDescriptor.Transient<IStartupFilter, SecurityHeadersStartupFilter>());
        return services;
    }

    private static void Apply(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        headers.CacheControl = "no-store";

        // The API reference runs scripts, and the OAuth sign-in pages set a policy of their own; everything else is data.
        if (!context.Request.Path.StartsWithSegments(ApiReferencePath, StringComparison.OrdinalIgnoreCase)
            && !headers.ContainsKey("Content-Security-Policy"))
        {
            headers.ContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'";
        }
    }

    private sealed class SecurityHeadersStartupFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Response.OnStarting(() =>
                {
                    Apply(context);
                    return Task.CompletedTask;
                });
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
