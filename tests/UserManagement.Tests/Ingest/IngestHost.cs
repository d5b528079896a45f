extern alias ingest;

using System.Globalization;
using Amazon.SQS;
using ingest::UserManagement.Ingest;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.TestingHost;
using UserManagement.ServiceDefaults.Orleans;
using UserManagement.Tests.Infrastructure;

namespace UserManagement.Tests.Ingest;

/// <summary>
/// The ingest worker in-process, registered as <c>src/Ingest/Program.cs</c> registers it, with its Orleans client
/// pointed at the test cluster and its SQS client at the emulator. Visibility and heartbeat are short so that a
/// message stranded by a stop comes back within a test's patience.
/// </summary>
public sealed class IngestHost : IAsyncDisposable
{
    private readonly IHost _host;
    private bool _stopped;

    private IngestHost(IHost host) => _host = host;

    public IServiceProvider Services => _host.Services;

    public static Task<IngestHost> Start(
        UserClusterFixture cluster,
        SqsEmulator sqs,
        QueuePair queues,
        IReadOnlyDictionary<string, string?>? settings = null,
        ILoggerProvider? logs = null) =>
        Start(cluster.Cluster, sqs, queues, settings, logs);

    public static async Task<IngestHost> Start(
        TestCluster cluster,
        SqsEmulator sqs,
        QueuePair queues,
        IReadOnlyDictionary<string, string?>? settings = null,
        ILoggerProvider? logs = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing", DisableDefaults = true });
        var options = cluster.Options;
        var gatewayPort = cluster.Primary!.GatewayAddress!.Endpoint.Port;
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Orleans:ClusterId"] = options.ClusterId,
            ["Orleans:ServiceId"] = options.ServiceId,
            ["Orleans:Endpoints:GatewayPort"] = gatewayPort.ToString(CultureInfo.InvariantCulture),
            ["Ingest:QueueUrl"] = queues.QueueUrl,
            ["Ingest:DeadLetterQueueName"] = queues.DeadLetterQueueName,
            ["Ingest:Pollers"] = "4",
            ["Ingest:VisibilityTimeoutSeconds"] = "10",
            ["Ingest:HeartbeatSeconds"] = "3",
            ["Ingest:RetryDelaySeconds"] = "1",
        });
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        builder.Services.AddSingleton<IAmazonSQS>(sqs.Client);
        if (logs is not null)
        {
            builder.Logging.AddProvider(logs);
            builder.Logging.SetMinimumLevel(LogLevel.Trace);
        }

        builder.AddUserManagementClusterClient();
        builder.AddOrderIngest();

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

        return new IngestHost(host);
    }

    /// <summary>A graceful stop, as on a deployment: stop receiving, finish the messages in work.</summary>
    public async Task Stop()
    {
        _stopped = true;
        await _host.StopAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stopped)
        {
            await Stop();
        }

        _host.Dispose();
    }
}
