using Orleans.Dashboard;

namespace UserManagement.Silo;

/// <summary>
/// Orleans's own dashboard (grain activations, call rates and latencies per grain and method, silos, reminders) at
/// <c>/dashboard</c> of the silo's HTTP endpoint, in <c>Development</c> only: it profiles every grain call and has no
/// authentication of its own, so a deployment never serves it.
/// </summary>
internal static class OrleansDashboardExtensions
{
    public const string Path = "/dashboard";

    public static ISiloBuilder AddDevelopmentDashboard(this ISiloBuilder silo, IHostEnvironment environment) =>
        environment.IsDevelopment() ? silo.AddDashboard() : silo;

    public static WebApplication MapDevelopmentDashboard(this WebApplication app)
    {
        if (app.Environment.IsDevelopment())
        {
            // A silo that serves the API sends its strict policy (no scripts) with every answer; the dashboard is a
            // page of its own scripts and styles, so it says its own policy first, which the API's headers then keep.
            app.UseWhen(
                context => context.Request.Path.StartsWithSegments(Path, StringComparison.OrdinalIgnoreCase),
                dashboard => dashboard.Use((context, next) =>
                {
                    context.Response.OnStarting(() =>
                    {
                        context.Response.Headers.ContentSecurityPolicy =
                            "default-src 'self' 'unsafe-inline' 'unsafe-eval' data: blob:; frame-ancestors 'none'";
                        return Task.CompletedTask;
                    });
                    return next(context);
                }));
            app.MapOrleansDashboard(routePrefix: Path);
        }

        return app;
    }
}
