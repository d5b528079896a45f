using System.Globalization;
using Microsoft.Extensions.Configuration;
using Orleans.Configuration;
using Orleans.TestingHost;
using UserManagement.Contracts.Users;
using UserManagement.Tests.Events;
using UserManagement.Tests.Ingest;

namespace UserManagement.Tests.Infrastructure;

/// <summary>One in-process cluster for the tests of a collection, reachable by TCP so a gateway can connect to it.</summary>
public sealed class UserClusterFixture : IAsyncLifetime
{
    private readonly Action<TestClusterBuilder>? _customize;
    private GatewayFactory? _gateway;

    public UserClusterFixture()
    {
    }

    /// <summary>A cluster of a test's own, set up as the shared one and then changed by <paramref name="customize"/>.</summary>
    internal UserClusterFixture(Action<TestClusterBuilder> customize) => _customize = customize;

    public TestCluster Cluster { get; private set; } = null!;

    /// <summary>Where the silo publishes its events.</summary>
    public EventBridgeEmulator Events { get; private set; } = null!;

    /// <summary>The API of this cluster, started on first use: its silo's own when co-hosted, else a gateway connected to it.</summary>
    public GatewayFactory Gateway => _gateway ??= GatewayFactory.OfCluster(this);

    public IGrainFactory Grains => Cluster.GrainFactory;

    /// <summary>Whether the shared cluster's silo serves the API itself; a cluster of a test's own is always split.</summary>
    public ServiceTopology Topology => _customize is null ? TestTopology.Current : ServiceTopology.Split;

    public int GatewayPort => Cluster.Primary!.GatewayAddress!.Endpoint.Port;

    public async Task InitializeAsync()
    {
        Events = await EventBridgeEmulator.Start();
        var builder = new TestClusterBuilder(1);
        builder.Options.ConnectionTransport = ConnectionTransportType.TcpSocket;
        builder.ConfigureHostConfiguration(configuration => configuration.AddInMemoryCollection(EventSettings.For(Events.Url)));
        builder.ConfigureHostConfiguration(configuration => configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Admin:EmailAddress"] = TestSettings.AdminEmailAddress,
            ["Admin:Password"] = TestSettings.AdminPassword,
            ["LoginThrottling:FreeAttempts"] = TestSettings.FreeLoginAttempts.ToString(CultureInfo.InvariantCulture),
            ["LoginThrottling:BaseDelay"] = "00:00:03",
            ["LoginThrottling:MaxDelay"] = "00:00:10",
            ["LoginThrottling:AccountFailureLimit"] = TestSettings.AccountFailureLimit.ToString(CultureInfo.InvariantCulture),

            // A day, so an account's count drains by a twentieth an hour: a test that fails slowly on a loaded machine
            // still reaches the ceiling where it expects to.
            ["LoginThrottling:Window"] = "1.00:00:00",

            // A loaded machine may take seconds per hash; only the tests of the queue's deadline want it short.
            ["PasswordHashing:QueueTimeout"] = "00:01:00",
        }));
        builder.AddSiloBuilderConfigurator<UserSiloConfigurator>();
        if (Topology == ServiceTopology.CoHosted)
        {
            builder.ConfigureHostConfiguration(configuration => configuration.AddInMemoryCollection(GatewayFactory.Settings));
            builder.AddSiloBuilderConfigurator<CoHostedApiConfigurator>();
        }

        _customize?.Invoke(builder);
        Cluster = builder.Build();
        await Cluster.DeployAsync();

        // The silo seeds the administrator in the background once it is active; the tests start once it is there.
        await Eventually.Until(
            async () => await Grains.GetUserByEmailAddress(TestSettings.AdminEmailAddress).GetDetails() is not null,
            "the administrator to be seeded");
    }

    public async Task DisposeAsync()
    {
        if (_gateway is not null)
        {
            await _gateway.DisposeAsync();
        }

        await Cluster.DisposeAsync();
        await Events.DisposeAsync();
    }
}
