extern alias ingest;

using System.Globalization;
using System.Net;
using Amazon.SQS;
using ingest::UserManagement.Ingest;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.TestingHost;
using UserManagement.ServiceDefaults;
using UserManagement.ServiceDefaults.Orleans;
using UserManagement.Tests.Infrastructure;

namespace UserManagement.Tests.Ingest;

/// <summary>
/// The ingest worker in-process, registered as <c>src/Ingest/Program.cs</c> (or, co-hosted, a silo) registers it (its health endpoints
/// included, on a test server), with its Orleans client pointed at the test cluster and its SQS client at the
/// emulator. Visibility and heartbeat are short so that a message stranded by a stop comes back within a test's patience.
/// </summary>
public sealed class IngestHost : IAsyncDisposable
{
    private readonly WebApplication _host;
    private bool _stopped;

    private IngestHost(WebApplication host) => _host = host;

    public IServiceProvider Services => _host.Services;

    public static Task<IngestHost> Start(
        UserClusterFixture cluster,
        SqsEmulator sqs,
        QueuePair queues,
        IReadOnlyDictionary<string, string?>? settings = null,
        ILoggerProvider? logs = null) =>
        cluster.Topology == ServiceTopology.CoHosted
            ? Start(cluster.Cluster.Options.ClusterId, cluster.Cluster.Options.ServiceId, cluster.GatewayPort, sqs, queues, settings, logs,
                ((InProcessSiloHandle)cluster.Cluster.Primary!).SiloHost.Services)
            : Start(cluster.Cluster, sqs, queues, settings, logs);

    public static Task<IngestHost> Start(
        TestCluster cluster,
        SqsEmulator sqs,
        QueuePair queues,
        IReadOnlyDictionary<string, string?>? settings = null,
        ILoggerProvider? logs = null) =>
        Start(cluster.Options.ClusterId, cluster.Options.ServiceId, cluster.Primary!.GatewayAddress!.Endpoint.Port, sqs, queues, settings, logs);

    public static async Task<IngestHost> Start(
        string clusterId,
        string serviceId,
        int gatewayPort,
        SqsEmulator sqs,
        QueuePair queues,
        IReadOnlyDictionary<string, string?>? settings = null,
        ILoggerProvider? logs = null,
        IServiceProvider? coHostingSilo = null)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Orleans:ClusterId"] = clusterId,
            ["Orleans:ServiceId"] = serviceId,
            ["Orleans:Clustering:ProviderType"] = "Development",
            ["Orleans:Clustering:Gateways:0"] = $"127.0.0.1:{gatewayPort.ToString(CultureInfo.InvariantCulture)}",
            ["Ingest:QueueUrl"] = queues.QueueUrl,
            ["Ingest:DeadLetterQueueName"] = queues.DeadLetterQueueName,
            ["Ingest:Pollers"] = "4",
            ["Ingest:VisibilityTimeout"] = "00:00:10",
            ["Ingest:Heartbeat"] = "00:00:03",
            ["Ingest:RetryDelay"] = "00:00:01",
        });
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        builder.Services.AddSingleton<IAmazonSQS>(sqs.Client);
        builder.Services.AddRouting();
        if (logs is not null)
        {
            builder.Logging.AddProvider(logs);
            builder.Logging.SetMinimumLevel(LogLevel.Trace);
        }

        if (coHostingSilo is null)
        {
            builder.AddUserManagementClusterClient();
        }
        else
        {
            // Co-hosted: the consumer calls grains through the silo's own runtime, in process, as in a co-hosting silo.
            // It keeps a host of its own only so that each test has its own queue, settings and stop.
            builder.Services.AddSingleton(coHostingSilo.GetRequiredService<IClusterClient>());
            builder.Services.AddSingleton(coHostingSilo.GetRequiredService<IGrainFactory>());
        }

        builder.AddOrderIngest();

        var host = builder.Build();
        host.MapDefaultEndpoints();
        try
        {
            await host.StartAsync();
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }

        return new IngestHost(host);
    }

    /// <summary>What <c>GET /health/live</c> answers.</summary>
    public async Task<HttpStatusCode> Liveness()
    {
        using var http = _host.GetTestClient();
        using var response = await http.GetAsync(new Uri("/health/live", UriKind.Relative));
        return response.StatusCode;
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

        await _host.DisposeAsync();
    }
}
