using System.Net;
using UserManagement.ServiceDefaults.Orleans;

namespace UserManagement.Silo;

public static class SiloClusteringExtensions
{
    /// <summary>Membership, identity and endpoints of this silo, as configuration says.</summary>
    public static ISiloBuilder UseConfiguredClustering(this ISiloBuilder silo, IConfiguration configuration)
    {
        var identity = configuration.GetSection(ClusterIdentity.SectionName).Get<ClusterIdentity>() ?? new ClusterIdentity();
        var clustering = configuration.GetSection(MembershipOptions.SectionName).Get<MembershipOptions>() ?? new MembershipOptions();
        var endpoints = configuration.GetSection(EndpointSettings.SectionName).Get<EndpointSettings>() ?? new EndpointSettings();

        switch (clustering.Provider)
        {
            case MembershipProvider.Localhost:
                silo.UseLocalhostClustering(endpoints.SiloPort, endpoints.GatewayPort, serviceId: identity.ServiceId, clusterId: identity.ClusterId);
                break;
            default:
                throw new InvalidOperationException($"Clustering provider '{clustering.Provider}' is not supported.");
        }

        return silo;
    }
}
