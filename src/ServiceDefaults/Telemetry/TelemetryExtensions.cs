using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace UserManagement.ServiceDefaults.Telemetry;

public static class TelemetryExtensions
{
    /// <summary>The activity sources and meters of the service's own code all start with this.</summary>
    public const string ServicePrefix = "UserManagement";

    private const string OrleansSources = "Microsoft.Orleans.*";

    /// <summary>
    /// Traces, metrics and logs through OpenTelemetry, exported over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set
    /// (with the SDK's standard variables: <c>OTEL_SERVICE_NAME</c>, <c>OTEL_RESOURCE_ATTRIBUTES</c>, …; which traces are
    /// kept by <c>OTEL_TRACES_SAMPLER</c> and <c>OTEL_TRACES_SAMPLER_ARG</c>, every one by default). Without an
    /// endpoint nobody would read them, so none is recorded: no activity source or meter is listened to, and a request
    /// or a message costs nothing for telemetry.
    /// </summary>
    public static IHostApplicationBuilder AddTelemetry(this IHostApplicationBuilder builder)
    {
        if (string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            return builder;
        }

        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource =>
            {
                // OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES (service.instance.id) name the process when set, as an
                // orchestrator such as Aspire sets them; otherwise the process is named after its application.
                if (string.IsNullOrWhiteSpace(builder.Configuration["OTEL_SERVICE_NAME"]))
                {
                    resource.AddService(builder.Environment.ApplicationName);
                }
            })
            .WithTracing(tracing => tracing
                .AddSource(OrleansSources, $"{ServicePrefix}.*")
                .AddAspNetCoreInstrumentation(aspNetCore =>
                {
                    // Health probes and the Orleans dashboard's polls (Development only) are nobody's request.
                    aspNetCore.Filter = context => !context.Request.Path.StartsWithSegments("/health", StringComparison.Ordinal)
                        && !context.Request.Path.StartsWithSegments("/dashboard", StringComparison.Ordinal);
                    aspNetCore.EnrichWithHttpResponse = ReplacePathWithRoute;
                })
                .AddHttpClientInstrumentation())
            .WithMetrics(metrics => metrics
                .AddMeter("Microsoft.Orleans", $"{ServicePrefix}.*")
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation());

        // Locally the Orleans dashboard's counters alone would start a trace every second, burying the requests' traces.
        if (builder.Environment.IsDevelopment())
        {
            telemetry.WithTracing(tracing => tracing.AddProcessor(new BackgroundTrafficFilter()));
        }

        telemetry.UseOtlpExporter();
        return builder;
    }

    /// <summary>A path such as <c>/user/jane@example.com</c> names a person; the span keeps the route it matched instead.</summary>
    private static void ReplacePathWithRoute(System.Diagnostics.Activity activity, HttpResponse response)
    {
        if (response.HttpContext.GetEndpoint() is RouteEndpoint { RoutePattern.RawText: { } route })
        {
            activity.SetTag("url.path", route);
        }
    }
}
