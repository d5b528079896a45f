using Amazon.Runtime;
using Amazon.SQS;
using Aspire.Hosting;
using Aspire.Hosting.Testing;

namespace UserManagement.AppHost.Tests;

/// <summary>
/// The AppHost as <c>./run-local.sh</c> runs it, dashboard included, started once for the tests that share it: its
/// HTTP ports picked by the orchestrator, Orleans's on free ones, its data in a folder of its own.
/// </summary>
public sealed class LocalRunFixture : IAsyncLifetime
{
    /// <summary>Generous: on a loaded 2-core machine the .NET processes take a while to start.</summary>
    private static readonly TimeSpan StartupPatience = TimeSpan.FromMinutes(5);

    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), $"user-management-local-run-{Guid.NewGuid():N}");
    private DistributedApplication? _app;

    public DistributedApplication App => _app ?? throw new InvalidOperationException("The AppHost has not started.");

    public Uri DashboardUrl { get; private set; } = null!;

    /// <summary>The process that serves the API and the one that consumes the queue: the silo itself, co-hosted as the local run is by default.</summary>
    public const string ApiResource = "silo";

    /// <inheritdoc cref="ApiResource"/>
    public const string IngestResource = "silo";

    public HttpClient CreateApiClient() => App.CreateHttpClient(ApiResource, "http");

    public AmazonSQSClient CreateSqsClient() =>
        new(new BasicAWSCredentials("local", "local"), new AmazonSQSConfig
        {
            ServiceURL = App.GetEndpoint("sqs", "http").AbsoluteUri,
            AuthenticationRegion = "us-east-1",
        });

    public async Task InitializeAsync()
    {
        var appHost = await DistributedApplicationTestingBuilder.CreateAsync<Projects.UserManagement_AppHost>(
            [
                $"LocalRun:DataDirectory={_dataDirectory}",
                $"LocalRun:Ports:OrleansSilo={LoopbackPorts.Free()}",
                $"LocalRun:Ports:OrleansGateway={LoopbackPorts.Free()}",
            ],
            (options, _) => options.DisableDashboard = false);
        _app = await appHost.BuildAsync();

        using var patience = new CancellationTokenSource(StartupPatience);
        await _app.StartAsync(patience.Token);
        foreach (var resource in new[] { ApiResource, IngestResource }.Distinct(StringComparer.Ordinal))
        {
            await _app.ResourceNotifications.WaitForResourceHealthyAsync(resource, patience.Token);
        }

        DashboardUrl = _app.GetEndpoint("aspire-dashboard", "http");
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class LocalRunCollection : ICollectionFixture<LocalRunFixture>
{
    public const string Name = "local run";
}
