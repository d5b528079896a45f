using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using UserManagement.Tests.Cluster.Harness;
using UserManagement.Tests.Infrastructure;
using UserManagement.Tests.Persistence;

namespace UserManagement.Tests.Ingest.Outage;

/// <summary>
/// The whole cluster as one silo in this process, on the DynamoDB storage (dynalite), which can be stopped and started
/// again on the same ports: an outage a client rides out, with the users' state kept in DynamoDB across it.
/// </summary>
public sealed class RestartableSilo(Uri dynamoDb, Uri events)
{
    public const string ClusterId = "outage";

    private readonly int _siloPort = LoopbackPorts.Free();
    private IHost? _host;

    public string ServiceId { get; } = $"outage-{Guid.NewGuid():N}";

    public int GatewayPort { get; } = LoopbackPorts.Free();

    public IGrainFactory Grains => _host?.Services.GetRequiredService<IGrainFactory>()
        ?? throw new InvalidOperationException("The silo is stopped.");

    public async Task Start()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing", DisableDefaults = true });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(EventSettings.For(events));
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [DynamoDBSiloConfigurator.ServiceUrlKey] = dynamoDb.ToString(),
            ["Storage:users:TableName"] = "outage-tests",
            ["Storage:users:CreateTableIfNotExists"] = bool.TrueString,
            ["Reminders:TableName"] = "outage-tests-reminders",
            ["Reminders:CreateTableIfNotExists"] = bool.TrueString,

            // The first calls go to a dynalite just started, which a machine busy with the other tests answers slowly.
            ["Storage:users:RequestTimeout"] = "00:00:20",
            ["Reminders:RequestTimeout"] = "00:00:20",
        });
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(_siloPort, GatewayPort, serviceId: ServiceId, clusterId: ClusterId);
            new DynamoDBSiloConfigurator().Configure(silo);
        });
        var host = builder.Build();
        try
        {
            await host.StartAsync();
        }
        catch
        {
            host.Dispose();
            throw;
        }

        _host = host;
    }

    /// <summary>A graceful stop: the silo leaves, and with it the cluster, until <see cref="Start"/>.</summary>
    public async Task Stop()
    {
        if (_host is { } host)
        {
            _host = null;
            await host.StopAsync();
            host.Dispose();
        }
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"silo on gateway port {GatewayPort}");
}
