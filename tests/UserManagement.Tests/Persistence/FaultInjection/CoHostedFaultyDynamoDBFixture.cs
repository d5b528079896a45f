using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using UserManagement.Tests.Infrastructure;

namespace UserManagement.Tests.Persistence.FaultInjection;

/// <summary>A <see cref="FaultyDynamoDBFixture"/> whose silo serves the API itself, as a co-hosting silo does.</summary>
public sealed class CoHostedFaultyDynamoDBFixture(DynamoDBFixture dynamo)
    : FaultyDynamoDBFixture(dynamo, new Dictionary<string, string?>(), servesApi: true)
{
    /// <summary>A client of the API the silo serves.</summary>
    public GatewayClient Api()
    {
        var silo = ((InProcessSiloHandle)Cluster.Primary!).SiloHost.Services;
        return new GatewayClient(silo.GetRequiredService<SiloApiServer>().NewTestServer().CreateClient());
    }
}
