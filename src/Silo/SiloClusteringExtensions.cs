using System.Net;
using Orleans.Configuration;

namespace UserManagement.Silo;

public static class SiloClusteringExtensions
{
    /// <summary>
    /// What the silo adds to the <c>Orleans</c> section Orleans binds itself (identity, <c>Clustering:ProviderType</c>,
    /// <c>Endpoints</c>): loopback unless told otherwise, and fast failure detection.
    /// </summary>
    public static ISiloBuilder UseConfiguredClustering(this ISiloBuilder silo)
    {
        // A silo given neither an address to advertise nor one to listen on stays on loopback; one told to listen on
        // every interface (in a container) advertises the address Orleans finds for this host.
        silo.Configure<EndpointOptions>(endpoints =>
        {
            if (endpoints.AdvertisedIPAddress is null && endpoints.SiloListeningEndpoint is null)
            {
                endpoints.AdvertisedIPAddress = IPAddress.Loopback;
            }
        });

        silo.Services.AddOptions<ClusterMembershipOptions>()
            .Configure(DetectFailuresFast)
            .BindConfiguration("Orleans:ClusterMembership");
        return silo;
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
