using Orleans.TestingHost;

namespace UserManagement.Tests.Persistence.FaultInjection;

/// <summary>
/// A cluster on the DynamoDB storage whose client reaches the suite's dynalite only through a
/// <see cref="FaultyDynamoDBProxy"/>, shared by the tests of a class; each test injects faults for its own items only.
/// </summary>
public sealed class FaultyDynamoDBFixture(DynamoDBFixture dynamo) : IAsyncLifetime
{
    /// <summary>The storage's request timeout here: short, so an answer held back past it costs a test seconds only.</summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(2);

    /// <summary>Long enough past <see cref="RequestTimeout"/> that the storage has given up before the answer comes.</summary>
    public static readonly TimeSpan PastTheTimeout = RequestTimeout + TimeSpan.FromSeconds(1);

    public FaultyDynamoDBProxy Proxy { get; private set; } = null!;

    public TestCluster Cluster { get; private set; } = null!;

    public string ServiceId { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.GrainFactory;

    /// <summary>The key of the item that holds <paramref name="stateName"/> of the grain, as the proxy matches it.</summary>
    public string KeyOf(string stateName, GrainId grainId) => StoredItems.KeyOf(ServiceId, stateName, grainId);

    public async Task InitializeAsync()
    {
        Proxy = await FaultyDynamoDBProxy.StartAsync(dynamo.ServiceUrl);
        var builder = dynamo.NewCluster().WithEndpoint(Proxy.Url).WithRequestTimeout(RequestTimeout);
        ServiceId = builder.ServiceId;
        Cluster = await builder.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (Cluster is not null)
        {
            await Cluster.DisposeAsync();
        }

        if (Proxy is not null)
        {
            await Proxy.DisposeAsync();
        }
    }
}
