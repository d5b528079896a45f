using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;

namespace UserManagement.ServiceDefaults.Orleans;

public static class OrleansClientExtensions
{
    /// <summary>
    /// An Orleans client for a gateway or worker process, clustered as the <c>Orleans</c> section says
    /// (<c>Orleans:Clustering:ProviderType</c>: <c>Development</c> with <c>Orleans:Clustering:Gateways</c>, or <c>Redis</c>).
    /// </summary>
    public static IHostApplicationBuilder AddUserManagementClusterClient(this IHostApplicationBuilder builder)
    {
        // Orleans's defaults (30 s to give up on a call, a minute to learn of new gateways) are too slow for an API: a
        // call to a dead silo should fail, and be retried, within seconds. Orleans:Messaging and Orleans:Gateway override.
        builder.Services.AddClusterDefaults();
        builder.Services.Configure<ClientMessagingOptions>(messaging => messaging.ResponseTimeout = TimeSpan.FromSeconds(10));
        builder.Services.Configure<GatewayOptions>(gateways => gateways.GatewayListRefreshPeriod = TimeSpan.FromSeconds(5));
        builder.UseOrleansClient(client => client.AddActivityPropagation());
        return builder;
    }
}
