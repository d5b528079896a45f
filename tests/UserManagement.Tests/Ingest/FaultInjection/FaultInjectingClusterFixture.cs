using Microsoft.Extensions.Configuration;
using Orleans.Configuration;
using Orleans.TestingHost;
using UserManagement.Tests.Events;
using UserManagement.Tests.Infrastructure;

namespace UserManagement.Tests.Ingest.FaultInjection;

/// <summary>A cluster like <see cref="UserClusterFixture"/>'s whose silo also injects <see cref="InjectedFaults"/>.</summary>
public sealed class FaultInjectingClusterFixture : IAsyncLifetime
{
    private EventBridgeEmulator _events = null!;

    public TestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.GrainFactory;

    public async Task InitializeAsync()
    {
        // Registrations publish users.userCreated.v1; this stand-in takes them, as the shared cluster's does.
        _events = await EventBridgeEmulator.Start();
        var builder = new TestClusterBuilder(1);
        builder.Options.ConnectionTransport = ConnectionTransportType.TcpSocket;
        builder.ConfigureHostConfiguration(configuration => configuration.AddInMemoryCollection(EventSettings.For(_events.Url)));
        builder.AddSiloBuilderConfigurator<UserSiloConfigurator>();
        builder.AddSiloBuilderConfigurator<FaultInjectingSiloConfigurator>();
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        await _events.DisposeAsync();
    }
}
