using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using UserManagement.Grains.Outbox;
using UserManagement.Contracts.Users;
using UserManagement.Tests.Infrastructure;

namespace UserManagement.Tests.Events;

/// <summary>
/// A cluster of one test's own (state and reminders in memory), with its EventBridge stand-in, a gateway, and the
/// outbox's counters as the silo records them. Started once the administrator's event is out, so a test's scripted
/// answers are for its own events only.
/// </summary>
public sealed class OutboxCluster : IAsyncDisposable
{
    private readonly UserClusterFixture _fixture;
    private readonly MeterListener _meters;
    private readonly ConcurrentDictionary<string, long> _counts = new();

    private OutboxCluster(UserClusterFixture fixture)
    {
        _fixture = fixture;
        var silo = ((InProcessSiloHandle)Silo).SiloHost.Services.GetRequiredService<IMeterFactory>();
        _meters = new MeterListener
        {
            // This silo's meter only: other tests' silos run in the same process.
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == OutboxMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, silo))
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        _meters.SetMeasurementEventCallback<long>((instrument, value, _, _) => _counts.AddOrUpdate(instrument.Name, value, (_, sum) => sum + value));
        _meters.Start();
    }

    public IGrainFactory Grains => _fixture.Grains;

    public SiloHandle Silo => _fixture.Cluster.Primary!;

    public EventBridgeEmulator Events => _fixture.Events;

    public GatewayClient Gateway { get; private set; } = null!;

    /// <summary>How often the outbox counted <paramref name="instrument"/> (<c>outbox.events.parked</c>, …) since the start.</summary>
    public long Counted(string instrument) => _counts.GetValueOrDefault(instrument);

    /// <param name="settings">Settings over the test silos' own (<see cref="EventSettings"/>), e.g. <c>Outbox:MaxAttempts</c>.</param>
    /// <param name="configure">More changes to the cluster, e.g. a silo configurator.</param>
    public static async Task<OutboxCluster> Start(IReadOnlyDictionary<string, string?>? settings = null, Action<TestClusterBuilder>? configure = null)
    {
        var fixture = new UserClusterFixture(builder =>
        {
            builder.ConfigureHostConfiguration(configuration => configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>()));
            configure?.Invoke(builder);
        });
        await fixture.InitializeAsync();
        var cluster = new OutboxCluster(fixture) { Gateway = new GatewayClient(fixture.Gateway.CreateClient()) };
        await Eventually.Holds(async () => (await fixture.Events.AcceptedEntries()).Count > 0, TimeSpan.FromSeconds(30));
        return cluster;
    }

    /// <summary>Registers a new user through the grain, as the gateway would, and answers its id.</summary>
    public async Task<string> Register(RegistrationBuilder registration)
    {
        var result = await Grains.GetUserByEmailAddress(registration.EmailAddress).Register(registration.Build());
        return result.User!.UserId;
    }

    public async Task<IReadOnlyList<OutgoingEventStatus>> OutgoingEventsOf(string userId) =>
        await Grains.GetGrain<IUserEventsGrain>(userId).GetOutgoingEvents() ?? [];

    public async ValueTask DisposeAsync()
    {
        _meters.Dispose();
        await _fixture.DisposeAsync();
    }
}
