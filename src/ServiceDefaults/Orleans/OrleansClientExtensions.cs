using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;

namespace UserManagement.ServiceDefaults.Orleans;

public static class OrleansClientExtensions
{
    /// <summary>An Orleans client for a gateway or worker process, clustered as configuration says.</summary>
    public static IHostApplicationBuilder AddUserManagementClusterClient(this IHostApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var identity = configuration.GetSection(ClusterIdentity.SectionName).Get<ClusterIdentity>() ?? new ClusterIdentity();
        var membership = configuration.GetSection(MembershipOptions.SectionName).Get<MembershipOptions>() ?? new MembershipOptions();
        var timeouts = configuration.GetSection(ClientTimeouts.SectionName).Get<ClientTimeouts>() ?? new ClientTimeouts();
        var endpoints = configuration.GetSection(EndpointSettings.SectionName).Get<EndpointSettings>() ?? new EndpointSettings();

        builder.UseOrleansClient(client =>
        {
            client.AddActivityPropagation();
            client.Configure<ClientMessagingOptions>(messaging => messaging.ResponseTimeout = timeouts.ResponseTimeout);
            client.Configure<GatewayOptions>(gateways => gateways.GatewayListRefreshPeriod = timeouts.GatewayListRefreshPeriod);
            switch (membership.Provider)
            {
                case MembershipProvider.Localhost:
                    client.UseLocalhostClustering(endpoints.GatewayPort, identity.ServiceId, identity.ClusterId);
                    break;
                case MembershipProvider.Redis:
                    client.Configure<ClusterOptions>(cluster => (cluster.ClusterId, cluster.ServiceId) = (identity.ClusterId, identity.ServiceId));
                    client.UseRedisClustering(membership.RedisConnectionStringOrThrow());
                    break;
                default:
                    throw new InvalidOperationException($"Membership provider '{membership.Provider}' is not supported.");
            }
        });
        return builder;
    }
}
