using Orleans.Configuration;
using Orleans.TestingHost;
using UserManagement.Tests.Infrastructure;

namespace UserManagement.Tests.Ingest.FaultInjection;

/// <summary>A cluster like <see cref="UserClusterFixture"/>'s whose silo also injects <see cref="InjectedFaults"/>.</summary>
public sealed class FaultInjectingClusterFixture : IAsyncLifetime
{
    public TestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.GrainFactory;

    public async Task InitializeAsync()
    {
        var builder = new TestClusterBuilder(1);
        builder.Options.ConnectionTransport = ConnectionTransportType.TcpSocket;
        builder.AddSiloBuilderConfigurator<UserSiloConfigurator>();
        builder.AddSiloBuilderConfigurator<FaultInjectingSiloConfigurator>();
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}
