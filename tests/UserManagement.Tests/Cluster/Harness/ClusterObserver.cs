using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.Runtime;

namespace UserManagement.Tests.Cluster.Harness;

/// <summary>An Orleans client of the harness's cluster that only looks: which silo holds which user.</summary>
public sealed class ClusterObserver : IAsyncDisposable
{
    private readonly IHost _host;

    private ClusterObserver(IHost host) => _host = host;

    public static async Task<ClusterObserver> Connect(ProcessCluster cluster)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.UseOrleansClient(client => client
            .Configure<ClusterOptions>(options => (options.ClusterId, options.ServiceId) = (cluster.ClusterId, "user-management"))
            .UseRedisClustering(cluster.RedisConnectionString));
        var host = builder.Build();
        await host.StartAsync();
        return new ClusterObserver(host);
    }

    /// <summary>The silo port of every active user grain, by user id.</summary>
    public async Task<Dictionary<string, int>> SiloPortsOfUsers()
    {
        var grains = _host.Services.GetRequiredService<IGrainFactory>();
        var statistics = await grains.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics();
        return statistics
            .Where(s => s.GrainId.Type.ToString() == "user")
            .GroupBy(s => s.GrainId.Key.ToString()!)
            .ToDictionary(g => g.Key, g => g.First().SiloAddress.Endpoint.Port);
    }

    /// <summary>The silo that holds most of <paramref name="userIds"/>, and which of them it holds.</summary>
    public async Task<(ServiceHost Silo, IReadOnlyList<string> UserIds)> BusiestSiloOf(ProcessCluster cluster, IReadOnlyCollection<string> userIds)
    {
        var placement = await SiloPortsOfUsers();
        var busiest = placement.Where(p => userIds.Contains(p.Key)).GroupBy(p => p.Value).MaxBy(g => g.Count())!;
        var silo = cluster.Silos.Single(s => cluster.SiloPorts[s.Name] == busiest.Key.ToString(CultureInfo.InvariantCulture));
        return (silo, [.. userIds.Where(id => placement.GetValueOrDefault(id) == busiest.Key)]);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
