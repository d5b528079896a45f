using Microsoft.Extensions.Configuration;
using Orleans.Configuration;
using Orleans.TestingHost;
using UserManagement.Contracts.Users;
using UserManagement.Tests.Builders;
using UserManagement.Tests.Events;
using UserManagement.Tests.Infrastructure;

namespace UserManagement.Tests.Ingest;

/// <summary>
/// A user remembers its counted orders for the retention window and up to the cap, here set to seconds and a handful
/// so that both show: within them a redelivery counts nothing, beyond them the order is forgotten.
/// </summary>
public sealed class OrderRetentionTests(OrderRetentionTests.ShortMemoryCluster cluster) : IClassFixture<OrderRetentionTests.ShortMemoryCluster>
{
    private static readonly TimeSpan Retention = TimeSpan.FromSeconds(2);
    private const int MaxRememberedOrders = 3;

    [Fact]
    public async Task Beyond_the_cap_the_oldest_order_is_forgotten_and_the_newer_ones_are_still_recognised()
    {
        var user = await Registered();
        foreach (var orderId in (string[])["a", "b", "c", "d"])
        {
            Assert.Equal(OrderRecordingOutcome.Counted, (await user.RecordCompletedOrder(new CompletedOrder(orderId))).Outcome);
        }

        Assert.Equal(OrderRecordingOutcome.AlreadyCounted, (await user.RecordCompletedOrder(new CompletedOrder("d"))).Outcome);
        Assert.Equal(OrderRecordingOutcome.AlreadyCounted, (await user.RecordCompletedOrder(new CompletedOrder("b"))).Outcome);
        Assert.Equal(OrderRecordingOutcome.Counted, (await user.RecordCompletedOrder(new CompletedOrder("a"))).Outcome);
    }

    [Fact]
    public async Task After_the_retention_window_an_order_is_forgotten()
    {
        var user = await Registered();
        await user.RecordCompletedOrder(new CompletedOrder("early"));
        Assert.Equal(OrderRecordingOutcome.AlreadyCounted, (await user.RecordCompletedOrder(new CompletedOrder("early"))).Outcome);

        await Task.Delay(Retention + TimeSpan.FromSeconds(1.5));
        await user.RecordCompletedOrder(new CompletedOrder("late"));

        Assert.Equal(OrderRecordingOutcome.Counted, (await user.RecordCompletedOrder(new CompletedOrder("early"))).Outcome);
        Assert.Equal(3, (await user.GetDetails())!.OrderCount);
    }

    private async Task<IUserGrain> Registered()
    {
        var registration = A.Registration();
        var user = cluster.Cluster.GrainFactory.GetUserByEmailAddress(registration.EmailAddress);
        await user.Register(registration.Build());
        return user;
    }

    /// <summary>A test cluster whose users remember orders for two seconds, three at most.</summary>
    public sealed class ShortMemoryCluster : IAsyncLifetime
    {
        private EventBridgeEmulator _events = null!;

        public TestCluster Cluster { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            _events = await EventBridgeEmulator.Start();
            var builder = new TestClusterBuilder(1);
            builder.Options.ConnectionTransport = ConnectionTransportType.TcpSocket;
            builder.ConfigureHostConfiguration(configuration => configuration.AddInMemoryCollection(EventSettings.For(_events.Url)));
            builder.ConfigureHostConfiguration(configuration => configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["OrderCounting:Retention"] = Retention.ToString(),
                ["OrderCounting:MaxRememberedOrders"] = $"{MaxRememberedOrders}",
            }));
            builder.AddSiloBuilderConfigurator<UserSiloConfigurator>();
            Cluster = builder.Build();
            await Cluster.DeployAsync();
        }

        public async Task DisposeAsync()
        {
            await Cluster.DisposeAsync();
            await _events.DisposeAsync();
        }
    }
}
