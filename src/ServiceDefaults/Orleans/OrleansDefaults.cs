using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;

namespace UserManagement.ServiceDefaults.Orleans;

/// <summary>
/// Where this service's defaults differ from Orleans's. Orleans binds the <c>Orleans</c> section itself (<c>ClusterId</c>,
/// <c>ServiceId</c>, <c>Clustering</c>, <c>Endpoints</c>, <c>Messaging</c>, <c>Gateway</c>); registered before it does,
/// these defaults give way to every key configured.
/// </summary>
public static class OrleansDefaults
{
    /// <summary>The cluster id separates deployments that must not join each other; the service id keys stored state.</summary>
    public static IServiceCollection AddClusterDefaults(this IServiceCollection services) =>
        services.Configure<ClusterOptions>(cluster => (cluster.ClusterId, cluster.ServiceId) = ("local", "user-management"));
}
