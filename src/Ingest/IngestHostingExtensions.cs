using Amazon.SQS;
using Microsoft.Extensions.DependencyInjection.Extensions;
using UserManagement.Ingest.Consumer;
using UserManagement.Ingest.Diagnostics;
using UserManagement.ServiceDefaults;

namespace UserManagement.Ingest;

public static class IngestHostingExtensions
{
    /// <summary>
    /// The order-event consumer: options from section <c>Ingest</c>, an SQS client configured by the AWS SDK's
    /// conventions unless one is registered already, the consumer itself and its liveness check. Needs an Orleans client
    /// that propagates activities (as <c>AddUserManagementClusterClient</c> sets one up), so each grain call is a child
    /// of its message's span.
    /// </summary>
    public static IHostApplicationBuilder AddOrderIngest(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<IngestOptions>()
            .BindConfiguration(IngestOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        // The default client reads AWS_ENDPOINT_URL_SQS, AWS_REGION and the default credential chain.
        services.TryAddSingleton<IAmazonSQS>(_ => new AmazonSQSClient());
        services.AddMetrics();
        services.TryAddSingleton<IngestMetrics>();
        services.TryAddSingleton<OrderMessageHandler>();
        services.TryAddSingleton<ClusterCircuitBreaker>();
        services.TryAddSingleton<ConsumerLiveness>();
        services.AddHealthChecks().AddCheck<ConsumerLiveness>("order-consumer", tags: [ServiceDefaultsExtensions.LiveTag]);
        services.AddHostedService<OrderEventConsumer>();
        return builder;
    }
}
