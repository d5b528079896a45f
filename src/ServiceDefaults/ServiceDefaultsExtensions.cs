using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using UserManagement.ServiceDefaults.Health;
using UserManagement.ServiceDefaults.Telemetry;

namespace UserManagement.ServiceDefaults;

public static class ServiceDefaultsExtensions
{
    /// <summary>Checks with this tag decide <c>/health/live</c>: whether the process still does its work or must be replaced.</summary>
    public const string LiveTag = "live";

    private const string ReadyTag = "ready";

    /// <summary>What every process of the service has: telemetry and health checks (liveness, and readiness that asks the cluster).</summary>
    public static IHostApplicationBuilder AddServiceDefaults(this IHostApplicationBuilder builder)
    {
        builder.AddTelemetry();
        builder.Services.AddDefaultHealthChecks();
        return builder;
    }

    /// <summary>The readiness check every process has: the cluster answers.</summary>
    public static IServiceCollection AddDefaultHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<ClusterHealthCheck>("orleans-cluster", tags: [ReadyTag]);
        return services;
    }

    /// <summary>
    /// <c>/health/live</c>: the process runs and the checks tagged <see cref="LiveTag"/> pass (a process with none is
    /// live while it answers). <c>/health/ready</c>: it can serve, because the cluster answers.
    /// </summary>
    public static TEndpoints MapDefaultEndpoints<TEndpoints>(this TEndpoints app)
        where TEndpoints : IEndpointRouteBuilder
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = check => check.Tags.Contains(LiveTag) });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag) });
        return app;
    }
}
