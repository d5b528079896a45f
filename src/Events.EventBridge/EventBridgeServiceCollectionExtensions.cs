using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Signing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using UserManagement.Grains.Outbox;

namespace UserManagement.Events.EventBridge;

public static class EventBridgeServiceCollectionExtensions
{
    private const string SigningService = "events";

    /// <summary>
    /// <see cref="IEventPublisher"/> on EventBridge, with <see cref="EventBridgeOptions"/> bound from the <c>Events</c> section.
    /// Requests are signed with the <see cref="AWSCredentials"/> registered in the container, or, when none is, the
    /// SDK's default chain, resolved on the first request.
    /// </summary>
    public static IServiceCollection AddEventBridgePublisher(this IServiceCollection services)
    {
        services.AddOptions<EventBridgeOptions>()
            .BindConfiguration(EventBridgeOptions.SectionName)
            .PostConfigure<IConfiguration>(ApplyEnvironment)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton<AWSCredentials, DefaultChainCredentials>();
        services.AddHttpClient(EventBridgePublisher.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(provider => new SigV4SigningHandler(
                provider.GetRequiredService<AWSCredentials>(),
                RegionEndpoint.GetBySystemName(provider.GetRequiredService<IOptions<EventBridgeOptions>>().Value.Region),
                SigningService,
                // A redirect followed below the signing would go out with a signature for another address.
                new SocketsHttpHandler { AllowAutoRedirect = false }));
        services.TryAddSingleton<IEventPublisher, EventBridgePublisher>();
        return services;
    }

    /// <summary>The SDK's environment settings: the service-specific endpoint wins over configuration, the region does not.</summary>
    private static void ApplyEnvironment(EventBridgeOptions options, IConfiguration configuration)
    {
        if (configuration[EventBridgeOptions.EndpointVariable] is { Length: > 0 } endpoint)
        {
            options.ServiceUrl = new Uri(endpoint);
        }

        if (string.IsNullOrEmpty(options.Region))
        {
            options.Region = configuration["AWS_REGION"] is { Length: > 0 } region ? region : configuration["AWS_DEFAULT_REGION"];
        }
    }
}
