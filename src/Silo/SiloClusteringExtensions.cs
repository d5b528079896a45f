using System.Net;
using System.Net.Sockets;
using Orleans.Configuration;
using UserManagement.ServiceDefaults.Orleans;

namespace UserManagement.Silo;

public static class SiloClusteringExtensions
{
    /// <summary>Membership, identity, endpoints and failure detection of this silo, as configuration says.</summary>
    public static ISiloBuilder UseConfiguredClustering(this ISiloBuilder silo, IConfiguration configuration)
    {
        var identity = configuration.GetSection(ClusterIdentity.SectionName).Get<ClusterIdentity>() ?? new ClusterIdentity();
        var membership = configuration.GetSection(MembershipOptions.SectionName).Get<MembershipOptions>() ?? new MembershipOptions();
        var endpoints = configuration.GetSection(EndpointSettings.SectionName).Get<EndpointSettings>() ?? new EndpointSettings();

        switch (membership.Provider)
        {
            case MembershipProvider.Localhost:
                silo.UseLocalhostClustering(endpoints.SiloPort, endpoints.GatewayPort, serviceId: identity.ServiceId, clusterId: identity.ClusterId);
                break;
            case MembershipProvider.Redis:
                silo.Configure<ClusterOptions>(cluster => (cluster.ClusterId, cluster.ServiceId) = (identity.ClusterId, identity.ServiceId));
                silo.UseRedisClustering(membership.RedisConnectionStringOrThrow());
                ConfigureEndpoints(silo, endpoints);
                break;
            default:
                throw new InvalidOperationException($"Membership provider '{membership.Provider}' is not supported.");
        }

        silo.Services.AddOptions<ClusterMembershipOptions>()
            .Configure(DetectFailuresFast)
            .BindConfiguration("Orleans:ClusterMembership");
        return silo;
    }

    /// <summary>
    /// In a container the silo listens on every interface and advertises its own address (or the configured one);
    /// anywhere else it stays on loopback.
    /// </summary>
    private static void ConfigureEndpoints(ISiloBuilder silo, EndpointSettings endpoints)
    {
        if (IPAddress.TryParse(endpoints.AdvertisedIPAddress, out var advertised))
        {
            silo.ConfigureEndpoints(advertised, endpoints.SiloPort, endpoints.GatewayPort, endpoints.ListenOnAnyHostAddress);
        }
        else if (endpoints.ListenOnAnyHostAddress)
        {
            silo.ConfigureEndpoints(Dns.GetHostName(), endpoints.SiloPort, endpoints.GatewayPort, AddressFamily.InterNetwork, listenOnAnyHostAddress: true);
        }
        else
        {
            silo.ConfigureEndpoints(IPAddress.Loopback, endpoints.SiloPort, endpoints.GatewayPort);
        }
    }

    /// <summary>
    /// A silo that misses two probes of two seconds each is suspected, and declared dead on its peers' votes: a dead
    /// silo costs seconds, where Orleans's defaults (three probes of five seconds) take over fifteen.
    /// </summary>
    private static void DetectFailuresFast(ClusterMembershipOptions membership)
    {
        membership.ProbeTimeout = TimeSpan.FromSeconds(2);
        membership.NumMissedProbesLimit = 2;
        membership.TableRefreshTimeout = TimeSpan.FromSeconds(10);
    }
}
