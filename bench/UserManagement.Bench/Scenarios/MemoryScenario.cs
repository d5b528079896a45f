using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using UserManagement.Bench.Hosting;
using UserManagement.Bench.Load;
using UserManagement.Bench.Reporting;
using UserManagement.Grains.Hosting;
using UserManagement.Contracts.Users;
using UserManagement.Grains.Users;

namespace UserManagement.Bench.Scenarios;

/// <summary>
/// Memory per active user grain in a silo in this process (the user grains, memory storage): the GC heap and the
/// working set before and after activating <c>--operations</c> grains, then whether idle grains are deactivated after
/// the collection age. The grains are activated by <c>GetDetails()</c> on ids of never-registered addresses: a
/// registration costs an Argon2id hash (about 100 ms of CPU), so 100,000 of them would take hours here; an unknown
/// user's grain holds an empty state where a registered one holds names and a hash (about 200 bytes more).
/// </summary>
public sealed class MemoryScenario : IBenchmarkScenario
{
    private static readonly TimeSpan CollectionAge = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan CollectionQuantum = TimeSpan.FromSeconds(5);

    public string Name => "memory";

    public string Description => "bytes per active user grain with 100,000 activated, and their deactivation when idle";

    public BenchmarkSettings Defaults => new(Rounds: 1, WarmUpRounds: 0, OperationsPerRound: 100_000, Concurrency: 64);

    public async Task<ScenarioResult> RunAsync(BenchmarkSettings settings, CancellationToken cancellationToken)
    {
        using var silo = await StartSiloAsync(cancellationToken);
        var grains = silo.Services.GetRequiredService<IGrainFactory>();
        var management = grains.GetGrain<IManagementGrain>(0);

        // A first round of grains warms up everything that is created once (code, caches, pools), then goes idle.
        await ActivateAsync(grains, "warm-up", 0, 1000, settings.Concurrency, cancellationToken);
        var before = MemorySnapshot.Take();
        var activeBefore = await CountUserGrainsAsync(management);

        var activation = await ActivateAsync(grains, "activate", 1000, settings.OperationsPerRound, settings.Concurrency, cancellationToken);
        var after = MemorySnapshot.Take();
        var active = await CountUserGrainsAsync(management);
        var activated = active - activeBefore;
        var heapPerGrain = (double)(after.HeapBytes - before.HeapBytes) / activated;
        var workingSetPerGrain = (double)(after.WorkingSetBytes - before.WorkingSetBytes) / activated;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {activated:N0} grains active: GC heap {heapPerGrain:N0} bytes each, working set {workingSetPerGrain:N0} bytes each"));

        // Idle from now on: all should be gone after the collection age plus a collection quantum or two.
        var idleSince = Stopwatch.StartNew();
        var deadline = CollectionAge + (CollectionQuantum * 4) + TimeSpan.FromSeconds(30);
        var remaining = active;
        while (idleSince.Elapsed < deadline && remaining > active / 100)
        {
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            remaining = await CountUserGrainsAsync(management);
            Console.Error.Write(string.Create(CultureInfo.InvariantCulture, $"\r  idle {idleSince.Elapsed.TotalSeconds,5:F0} s: {remaining,8:N0} user grains active   "));
        }

        Console.Error.WriteLine();
        var idle = idleSince.Elapsed;
        var afterIdle = MemorySnapshot.Take();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  after {idle.TotalSeconds:F0} s idle: {remaining:N0} user grains active, GC heap {afterIdle.HeapBytes / 1048576.0:F1} MiB (was {after.HeapBytes / 1048576.0:F1} MiB)"));
        await silo.StopAsync(CancellationToken.None);

        return new ScenarioResult(
            Name,
            Description,
            [activation],
            [
                new MeasuredRatio(
                    "GC heap bytes per active grain", heapPerGrain, 4096, TargetIsMinimum: false,
                    $"managed memory each active user costs the silo ({activated:N0} activated, full GC before and after)"),
                new MeasuredRatio(
                    "working-set bytes per active grain", workingSetPerGrain, 4096, TargetIsMinimum: false,
                    "the same in the process's resident memory, which also holds the GC's free space"),
                new MeasuredRatio(
                    "share still active after idling", (double)remaining / active, 0.01, TargetIsMinimum: false,
                    string.Create(CultureInfo.InvariantCulture, $"user grains left {idle.TotalSeconds:F0} s after the last call, with a collection age of {CollectionAge.TotalSeconds:F0} s")),
            ],
            [
                string.Create(CultureInfo.InvariantCulture,
                    $"GC heap {before.HeapBytes / 1048576.0:F1} → {after.HeapBytes / 1048576.0:F1} MiB with {activated:N0} more grains, {afterIdle.HeapBytes / 1048576.0:F1} MiB once idle ones were collected; working set {before.WorkingSetBytes / 1048576.0:F0} → {after.WorkingSetBytes / 1048576.0:F0} MiB"),
                "grains of never-registered addresses, activated by GetDetails() (a registration costs an Argon2id hash each)",
            ]);
    }

    private static async Task<ContenderSummary> ActivateAsync(
        IGrainFactory grains, string label, int first, int count, int concurrency, CancellationToken cancellationToken)
    {
        var next = first - 1;
        var end = first + count;
        long done = 0;
        var histograms = new LatencyHistogram[concurrency];
        using var progress = new ProgressDisplay($"GetDetails() on new grains, {label}", count, () => Interlocked.Read(ref done));
        var stopwatch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(worker => Task.Run(
            async () =>
            {
                var histogram = histograms[worker] = new LatencyHistogram();
                for (var n = Interlocked.Increment(ref next); n < end; n = Interlocked.Increment(ref next))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var started = Stopwatch.GetTimestamp();
                    var details = await grains.GetUserByEmailAddress($"never-registered-{n:D7}@example.com").GetDetails();
                    histogram.Record(Stopwatch.GetTimestamp() - started);
                    Interlocked.Increment(ref done);
                    if (details is not null)
                    {
                        throw new InvalidOperationException("A never-registered user has details.");
                    }
                }
            },
            cancellationToken)));
        stopwatch.Stop();

        var latencies = new LatencyHistogram();
        foreach (var histogram in histograms)
        {
            latencies.Add(histogram);
        }

        return new ContenderSummary(
            "GetDetails() activating a grain", count / stopwatch.Elapsed.TotalSeconds, "activations/s",
            latencies.PercentileMilliseconds(50), latencies.PercentileMilliseconds(95), latencies.PercentileMilliseconds(99), count, 0,
            new Dictionary<string, double>());
    }

    private static async Task<int> CountUserGrainsAsync(IManagementGrain management) =>
        (await management.GetSimpleGrainStatistics())
            .Where(statistic => statistic.GrainType.Contains(nameof(UserGrain), StringComparison.Ordinal))
            .Sum(statistic => statistic.ActivationCount);

    private static async Task<IHost> StartSiloAsync(CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Error);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            // Nothing is published (no user registers), but the publisher's settings are checked at start-up.
            ["Events:Region"] = "us-east-1",
            ["Events:ServiceUrl"] = "http://127.0.0.1:9/",
            ["Orleans:GrainCollection:CollectionAge"] = CollectionAge.ToString(),
            ["Orleans:GrainCollection:CollectionQuantum"] = CollectionQuantum.ToString(),
        });
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(LoopbackPorts.Free(), LoopbackPorts.Free(), serviceId: "bench", clusterId: "bench");
            silo.AddUserGrains().UseInMemoryReminderService();
            silo.AddMemoryGrainStorage(UserGrain.StorageName);

            // As src/Silo binds it (Orleans:GrainCollection), which this process does not reference.
            silo.Services.AddOptions<GrainCollectionOptions>().BindConfiguration("Orleans:GrainCollection");
        });
        var host = builder.Build();
        await host.StartAsync(cancellationToken);
        return host;
    }
}
