using Amazon.DynamoDBv2;
using Orleans.TestingHost;

using UserManagement.Tests.Events;

namespace UserManagement.Tests.Persistence;

/// <summary>
/// One dynalite for the whole collection, a client for looking at its items, and one cluster on the DynamoDB storage
/// for the tests that need no cluster of their own.
/// </summary>
public sealed class DynamoDBFixture : IAsyncLifetime
{
    private DynaliteServer? _server;

    /// <summary>The table the shared cluster creates; each run of the suite uses a fresh dynalite, so the name can be fixed.</summary>
    public const string TableName = "grain-state-tests";

    /// <summary>The reminder table the clusters create; each service id keeps to its own partitions of it.</summary>
    public const string ReminderTableName = "reminder-tests";

    public Uri ServiceUrl => Server.ServiceUrl;

    public DynaliteServer Server => _server ?? throw new InvalidOperationException("dynalite has not started.");

    /// <summary>A client of the tests' own, to read items the way an operator would.</summary>
    public IAmazonDynamoDB Client { get; private set; } = null!;

    public TestCluster Cluster { get; private set; } = null!;

    /// <summary>The service id of <see cref="Cluster"/>, the first part of its items' keys.</summary>
    public string ServiceId { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.GrainFactory;

    /// <summary>Where the suite's silos publish their events.</summary>
    public EventBridgeEmulator Events { get; private set; } = null!;

    public StorageClusterBuilder NewCluster() => new(this);

    public async Task InitializeAsync()
    {
        Events = await EventBridgeEmulator.Start();
        _server = await DynaliteServer.StartAsync();
        Client = _server.CreateClient();
        var builder = NewCluster();
        ServiceId = builder.ServiceId;
        Cluster = await builder.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (Cluster is not null)
        {
            await Cluster.DisposeAsync();
        }

        Client?.Dispose();
        if (Events is not null)
        {
            await Events.DisposeAsync();
        }

        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
