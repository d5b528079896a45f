using System.Diagnostics;
using System.Globalization;
using UserManagement.Bench.Load;

namespace UserManagement.Bench;

/// <summary>
/// Measures contenders in rounds whose order alternates (A B C, C B A, ...), so drift of the machine or the emulator
/// during the run weighs on all alike, after warm-up rounds that are not counted. Every contender runs the same
/// number of operations a round through the same concurrent workers; an operation that throws counts as an error.
/// </summary>
public sealed class InterleavedComparison(BenchmarkSettings settings, string unit = "ops/s", IReadOnlyList<CpuProbe>? probes = null)
{
    private readonly IReadOnlyList<CpuProbe> _probes = probes ?? [CpuProbe.ThisProcess];

    public async Task<ComparisonResult> RunAsync(IReadOnlyList<Contender> contenders, CancellationToken cancellationToken)
    {
        for (var round = 0; round < settings.WarmUpRounds; round++)
        {
            foreach (var contender in contenders)
            {
                await MeasureRoundAsync(contender, $"warm-up {round + 1}", cancellationToken);
            }
        }

        var rounds = contenders.ToDictionary(contender => contender, _ => new List<RoundMeasurement>());
        for (var round = 0; round < settings.Rounds; round++)
        {
            var order = round % 2 == 0 ? contenders : contenders.Reverse();
            foreach (var contender in order)
            {
                var measured = await MeasureRoundAsync(contender, $"round {round + 1}", cancellationToken);
                rounds[contender].Add(measured);
                Console.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"  round {round + 1}  {contender.Name,-34} {measured.Rate,10:F1} {unit}  p50 {measured.Latencies.PercentileMilliseconds(50),8:F2} ms  errors {measured.Errors}"));
                if (measured.FirstError is { } error)
                {
                    Console.WriteLine($"           first error: {error}");
                }
            }
        }

        return new ComparisonResult(unit, [.. contenders.Select(contender => (contender.Name, (IReadOnlyList<RoundMeasurement>)rounds[contender]))]);
    }

    private async Task<RoundMeasurement> MeasureRoundAsync(Contender contender, string label, CancellationToken cancellationToken)
    {
        var perWorker = Math.Max(1, settings.OperationsPerRound / settings.Concurrency);
        var histograms = new LatencyHistogram[settings.Concurrency];
        long done = 0, errors = 0;
        string? firstError = null;
        using var progress = new ProgressDisplay($"{contender.Name}, {label}", (long)perWorker * settings.Concurrency, () => Interlocked.Read(ref done));
        var cpuBefore = _probes.Select(probe => probe.Read()).ToArray();
        var stopwatch = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, settings.Concurrency).Select(worker => Task.Run(
            async () =>
            {
                var histogram = histograms[worker] = new LatencyHistogram();
                for (var operation = 0; operation < perWorker; operation++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var started = Stopwatch.GetTimestamp();
                    try
                    {
                        await contender.Operation(worker, operation);
                    }
                    catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                    {
                        Interlocked.Increment(ref errors);
                        Interlocked.CompareExchange(ref firstError, $"{exception.GetType().Name}: {exception.Message}", null);
                    }

                    histogram.Record(Stopwatch.GetTimestamp() - started);
                    Interlocked.Increment(ref done);
                }
            },
            cancellationToken));
        await Task.WhenAll(workers);
        stopwatch.Stop();
        var cpuAfter = _probes.Select(probe => probe.Read()).ToArray();

        var latencies = new LatencyHistogram();
        foreach (var histogram in histograms)
        {
            latencies.Add(histogram);
        }

        var operations = (long)perWorker * settings.Concurrency;
        var cpu = _probes.Select((probe, i) => (probe.Name, PerOperation: (cpuAfter[i] - cpuBefore[i]).TotalMicroseconds / operations))
            .ToDictionary(entry => entry.Name, entry => entry.PerOperation);
        return new RoundMeasurement((operations - errors) / stopwatch.Elapsed.TotalSeconds, latencies, operations, errors, firstError, cpu);
    }
}
