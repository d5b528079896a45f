using System.Diagnostics;
using System.Globalization;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Runtime;
using Orleans.TestingHost;
using UserManagement.Contracts.Passwords;
using UserManagement.Contracts.Users;
using UserManagement.Tests.Builders;
using UserManagement.Tests.Events;
using UserManagement.Tests.Infrastructure;
using Xunit.Abstractions;

namespace UserManagement.Tests.Cluster;

/// <summary>
/// A minute of log-ins at more than the machine can hash, against two silos with the production failure detection
/// (two missed probes of two seconds): no silo is declared dead, and other users' reads keep being answered. The read
/// latencies, with and without the flood, are written to the test output; the README's figures come from there.
/// </summary>
/// <remarks>
/// The two silos share this process, so each hashes on its one thread (one fewer than the cores of a two-core machine)
/// and together they hash on every core: harder on the runtime than a deployment, where each silo keeps a core.
/// </remarks>
[Collection(MeasuredAloneCollection.Name)]
public sealed class LoginFloodTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Flood = TimeSpan.FromMinutes(1);

    private static readonly TimeSpan BaselineReads = TimeSpan.FromSeconds(15);

    /// <summary>More log-ins in flight than both silos' hashing threads and queues hold, so some are refused.</summary>
    private const int FloodingClients = 64;

    private const int ReadingClients = 2;
    private const int ReadUsers = 10;

    [Fact]
    public async Task A_minute_of_log_ins_beyond_hashing_capacity_declares_no_silo_dead_and_other_users_reads_keep_answering()
    {
        var fixture = new UserClusterFixture(builder =>
        {
            builder.Options.InitialSilosCount = 2;
            builder.AddSiloBuilderConfigurator<ProductionFailureDetection>();
        });
        await fixture.InitializeAsync();
        try
        {
            var grains = fixture.Grains;
            var readers = await RegisterAsync(grains, ReadUsers);
            var silosAtStart = await ActiveSilos(grains);
            var baseline = await ReadWithoutFloodAsync(grains, readers);
            var (pausedBefore, gen2Before) = (GC.GetTotalPauseDuration(), GC.CollectionCount(2));
            using var stop = new CancellationTokenSource(Flood);

            var membership = WatchMembership(grains, stop.Token);
            var flood = Enumerable.Range(0, FloodingClients).Select(_ => FloodAsync(grains, stop.Token)).ToArray();
            var reads = Enumerable.Range(0, ReadingClients).Select(_ => ReadAsync(grains, readers, stop.Token)).ToArray();
            var logIns = Sum(await Task.WhenAll(flood));
            var answered = (await Task.WhenAll(reads)).SelectMany(r => r).ToList();
            var deadSeen = await membership;
            var silosAtEnd = await ActiveSilos(grains);
            var (paused, gen2) = (GC.GetTotalPauseDuration() - pausedBefore, GC.CollectionCount(2) - gen2Before);

            var latencies = answered.Where(r => r.Error is null).Select(r => r.Latency.TotalMilliseconds).Order().ToList();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"log-ins: {logIns.Checked} checked, {logIns.Refused} refused as busy, {logIns.Failed.Count} failed otherwise ({string.Join(", ", logIns.Failed.CountBy(f => f).Select(f => $"{f.Value} {f.Key}"))})"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"reads of other users during the flood: {latencies.Count} answered, {answered.Count - latencies.Count} failed; p50 {Percentile(latencies, 0.50):F1} ms, p99 {Percentile(latencies, 0.99):F1} ms, max {latencies.LastOrDefault():F1} ms"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"the same reads before the flood ({BaselineReads.TotalSeconds} s, same process and machine): p50 {Percentile(baseline, 0.50):F1} ms, p99 {Percentile(baseline, 0.99):F1} ms, max {baseline.LastOrDefault():F1} ms"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"garbage collection during the flood (every hash allocates its memory anew): {gen2} full collections, {paused.TotalMilliseconds:F0} ms paused in all"));
            output.WriteLine($"silos: {silosAtStart.Count} at the start, {silosAtEnd.Count} active at the end, declared dead during the flood: {deadSeen.Count}");

            Assert.Empty(deadSeen);
            Assert.Equal(silosAtStart, silosAtEnd);
            Assert.Equal(2, silosAtEnd.Count);
            Assert.All(answered, r => Assert.Null(r.Error));
            Assert.True(latencies.Count > 100, $"Only {latencies.Count} reads were answered in a minute.");
            Assert.True(logIns.Checked > 0 && logIns.Refused > 0, "The flood did not reach the hashing capacity.");
        }
        finally
        {
            await fixture.DisposeAsync();
        }
    }

    /// <summary>The reads' latencies with no flood, sorted: what the machine gives them anyway, for comparison.</summary>
    private static async Task<List<double>> ReadWithoutFloodAsync(IGrainFactory grains, List<IUserGrain> readers)
    {
        using var stop = new CancellationTokenSource(BaselineReads);
        var reads = await Task.WhenAll(Enumerable.Range(0, ReadingClients).Select(_ => ReadAsync(grains, readers, stop.Token)));
        return [.. reads.SelectMany(r => r).Where(r => r.Error is null).Select(r => r.Latency.TotalMilliseconds).Order()];
    }

    /// <summary>Log-ins with wrong passwords for unknown addresses, each from a fresh client address, so none is throttled.</summary>
    private static async Task<LogInCounts> FloodAsync(IGrainFactory grains, CancellationToken stop)
    {
        var counts = new LogInCounts();
        while (!stop.IsCancellationRequested)
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(stop);
            deadline.CancelAfter(TimeSpan.FromSeconds(10));
            try
            {
                var account = grains.GetUserByEmailAddress($"flood-{Random.Shared.Next(256)}@example.com");
                await account.LogIn(new Password("a guess at the password"), ClientAddresses.Next(), deadline.Token);
                counts.Checked++;
            }
            catch (PasswordHashingBusyException)
            {
                // As a client told to come back later would, only sooner.
                counts.Refused++;
                await Task.Delay(TimeSpan.FromMilliseconds(50), CancellationToken.None);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                break;
            }
            catch (Exception exception)
            {
                counts.Failed.Add(exception.GetType().Name);
            }
        }

        return counts;
    }

    private static async Task<List<Read>> ReadAsync(IGrainFactory grains, List<IUserGrain> users, CancellationToken stop)
    {
        var reads = new List<Read>();
        while (!stop.IsCancellationRequested)
        {
            var clock = Stopwatch.StartNew();
            try
            {
                var user = await users[Random.Shared.Next(users.Count)].GetDetails();
                reads.Add(new Read(clock.Elapsed, user is null ? "no user" : null));
            }
            catch (Exception exception)
            {
                reads.Add(new Read(clock.Elapsed, exception.GetType().Name));
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20), CancellationToken.None);
        }

        return reads;
    }

    /// <summary>Every silo the membership table calls dead while the flood lasts, looked at twice a second.</summary>
    private static async Task<HashSet<SiloAddress>> WatchMembership(IGrainFactory grains, CancellationToken stop)
    {
        var dead = new HashSet<SiloAddress>();
        while (!stop.IsCancellationRequested)
        {
            foreach (var silo in await grains.GetGrain<IManagementGrain>(0).GetDetailedHosts(onlyActive: false, CancellationToken.None))
            {
                if (silo.Status == SiloStatus.Dead)
                {
                    dead.Add(silo.SiloAddress);
                }
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), CancellationToken.None);
        }

        return dead;
    }

    private static async Task<List<SiloAddress>> ActiveSilos(IGrainFactory grains) =>
        [.. (await grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true)).Keys.Order()];

    private static async Task<List<IUserGrain>> RegisterAsync(IGrainFactory grains, int count)
    {
        var users = new List<IUserGrain>();
        for (var n = 0; n < count; n++)
        {
            var registration = A.Registration().Build();
            var user = grains.GetUserByEmailAddress(registration.EmailAddress);
            await user.Register(registration);
            users.Add(user);
        }

        return users;
    }

    private static LogInCounts Sum(IEnumerable<LogInCounts> counts) =>
        counts.Aggregate(new LogInCounts(), (sum, c) => new LogInCounts { Checked = sum.Checked + c.Checked, Refused = sum.Refused + c.Refused, Failed = [.. sum.Failed, .. c.Failed] });

    private static double Percentile(List<double> sorted, double fraction) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(fraction * sorted.Count) - 1)];

    private sealed record Read(TimeSpan Latency, string? Error);

    private sealed class LogInCounts
    {
        public int Checked { get; set; }

        public int Refused { get; set; }

        /// <summary>The type of each other failure: a deadline that passed while a call waited, say.</summary>
        public List<string> Failed { get; init; } = [];
    }

    /// <summary>The silos' failure detection as deployed (<c>Orleans:ClusterMembership:*</c>), and logs of warnings only.</summary>
    private sealed class ProductionFailureDetection : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            siloBuilder.Configure<ClusterMembershipOptions>(membership =>
            {
                membership.ProbeTimeout = TimeSpan.FromSeconds(2);
                membership.NumMissedProbesLimit = 2;
            });
            siloBuilder.Services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        }
    }
}
