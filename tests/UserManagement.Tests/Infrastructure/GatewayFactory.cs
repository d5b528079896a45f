using System.Globalization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.TestingHost;

namespace UserManagement.Tests.Infrastructure;

/// <summary>
/// The gateway as deployed, with its Orleans client pointed at the test cluster. The rate limit is lifted unless
/// <paramref name="settings"/> set it, so tests that call often are not throttled by it. The cluster's own API
/// (<see cref="UserClusterFixture.Gateway"/>) is, when the cluster is co-hosted, the one its silo serves itself.
/// </summary>
public sealed class GatewayFactory(UserClusterFixture cluster, IReadOnlyDictionary<string, string?>? settings = null)
    : WebApplicationFactory<Program>
{
    private bool _servedBySilo;

    /// <summary>What every test API is configured with, a separate gateway or a co-hosting silo.</summary>
    public static IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>(TestSettings.OAuthKeys)
    {
        ["Jwt:Secret"] = TestSettings.JwtSecret,
        ["Jwt:Issuer"] = TestSettings.JwtIssuer,
        ["Jwt:Audience"] = TestSettings.JwtAudience,
        ["OAuth:Issuer"] = TestSettings.OAuthIssuer,
        ["RateLimiting:TokenLimit"] = "1000000",
        ["RateLimiting:TokensPerPeriod"] = "1000000",
        ["RateLimiting:OAuth:TokenLimit"] = "1000000",
        ["RateLimiting:OAuth:TokensPerPeriod"] = "1000000",
    };

    /// <summary>The API of <paramref name="cluster"/>: its co-hosting silo's, else a gateway of its own.</summary>
    internal static GatewayFactory OfCluster(UserClusterFixture cluster) =>
        new(cluster) { _servedBySilo = cluster.Topology == ServiceTopology.CoHosted };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        var options = cluster.Cluster.Options;
        builder.UseEnvironment("Testing");
        builder.ConfigureLogging(logging => logging.AddProvider(CapturedTelemetry.Logs).SetMinimumLevel(LogLevel.Trace));
        builder.UseSetting("Orleans:ClusterId", options.ClusterId);
        builder.UseSetting("Orleans:ServiceId", options.ServiceId);
        builder.UseSetting("Orleans:Clustering:Gateways:0", $"127.0.0.1:{cluster.GatewayPort.ToString(CultureInfo.InvariantCulture)}");
        foreach (var (key, value) in Settings.Concat(settings ?? new Dictionary<string, string?>()))
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>Co-hosted, the host is the running silo's, lent to this factory (its test server serves the API).</summary>
    protected override IHost CreateHost(IHostBuilder builder)
    {
        if (!_servedBySilo)
        {
            return base.CreateHost(builder);
        }

        var silo = ((InProcessSiloHandle)cluster.Cluster.Primary!).SiloHost.Services;
        return new LentHost(new SiloServices(silo, silo.GetRequiredService<SiloApiServer>().NewTestServer()));
    }

    /// <summary>A host this factory uses but does not own: the cluster starts, stops and disposes it.</summary>
    private sealed class LentHost(IServiceProvider services) : IHost
    {
        public IServiceProvider Services => services;

        public Task StartAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

        public void Dispose()
        {
        }
    }

    /// <summary>The silo's services, but for the server: this factory's own test server over the silo's application.</summary>
    private sealed class SiloServices(IServiceProvider silo, TestServer server) : IServiceProvider
    {
        public object? GetService(Type serviceType) => serviceType == typeof(IServer) ? server : silo.GetService(serviceType);
    }
}
