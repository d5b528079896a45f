using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace UserManagement.ServiceDefaults.Orleans;

public static class OrleansClientExtensions
{
    /// <summary>An Orleans client for a gateway or worker process, clustered as configuration says.</summary>
    public static IHostApplicationBuilder AddUserManagementClusterClient(this IHostApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var identity = configuration.GetSection(ClusterIdentity.SectionName).Get<ClusterIdentity>() ?? new ClusterIdentity();
        var clustering = configuration.GetSection(MembershipOptions.SectionName).Get<MembershipOptions>() ?? new MembershipOptions();
        var endpoints = configuration.GetSection(EndpointSettings.SectionName).Get<EndpointSettings>() ?? new EndpointSettings();

        builder.UseOrleansClient(client =>
        {
            client.AddActivityPropagation();
            switch (clustering.Provider)
            {
                case MembershipProvider.Localhost:
                    client.UseLocalhostClustering(endpoints.GatewayPort, identity.ServiceId, identity.ClusterId);
                    break;
                default:
                    throw new InvalidOperationException($"Clustering provider '{clustering.Provider}' is not supported.");
            }
        });
        return builder;
    }
}
