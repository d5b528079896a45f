using System.Globalization;
using UserManagement.Bench.Load;
using UserManagement.Bench.Reporting;

namespace UserManagement.Bench;

/// <summary>
/// Each contender's rounds. Compares the first contender with each other one by the median of their ratios
/// within a round, which run back to back and so share the machine's state more than any two medians do.
/// </summary>
public sealed record ComparisonResult(string Unit, IReadOnlyList<(string Name, IReadOnlyList<RoundMeasurement> Rounds)> Contenders)
{
    public IReadOnlyList<ContenderSummary> Summaries() =>
    [
        .. Contenders.Select(contender =>
        {
            var latencies = new LatencyHistogram();
            foreach (var round in contender.Rounds)
            {
                latencies.Add(round.Latencies);
            }

            return new ContenderSummary(
                contender.Name,
                Median([.. contender.Rounds.Select(round => round.Rate)]),
                Unit,
                latencies.PercentileMilliseconds(50),
                latencies.PercentileMilliseconds(95),
                latencies.PercentileMilliseconds(99),
                contender.Rounds.Sum(round => round.Operations),
                contender.Rounds.Sum(round => round.Errors),
                contender.Rounds[0].CpuMicrosecondsPerOperation.Keys.ToDictionary(
                    process => process,
                    process => Median([.. contender.Rounds.Select(round => round.CpuMicrosecondsPerOperation[process])])));
        }),
    ];

    /// <summary>The median over rounds of the first contender's rate divided by <paramref name="otherIndex"/>'s.</summary>
    public double RatioOfFirstTo(int otherIndex) => RatioOf(0, otherIndex);

    /// <summary>The median over rounds of contender <paramref name="index"/>'s rate divided by <paramref name="otherIndex"/>'s.</summary>
    public double RatioOf(int index, int otherIndex)
    {
        var first = Contenders[index].Rounds;
        var other = Contenders[otherIndex].Rounds;
        return Median([.. first.Zip(other, (a, b) => a.Rate / b.Rate)]);
    }

    public void Print()
    {
        Console.WriteLine();
        foreach (var summary in Summaries())
        {
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"  {summary.Name,-34} {summary.Rate,10:F1} {Unit} (median of rounds)  {Latencies(summary)}errors {summary.Errors}"));
            Console.WriteLine("    CPU per operation: " + string.Join(", ", summary.CpuMicrosecondsPerOperation.Select(
                process => string.Create(CultureInfo.InvariantCulture, $"{process.Key} {process.Value:F0} µs"))));
        }

        for (var other = 1; other < Contenders.Count; other++)
        {
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"  ratio {Contenders[0].Name} / {Contenders[other].Name,-31} {RatioOfFirstTo(other),5:F2} (median of per-round ratios)"));
        }
    }

    /// <summary>The percentiles, or nothing for contenders whose operations have no latency of their own (a drained queue).</summary>
    private static string Latencies(ContenderSummary summary) => double.IsNaN(summary.P50Milliseconds)
        ? string.Empty
        : string.Create(CultureInfo.InvariantCulture, $"p50 {summary.P50Milliseconds:F2} ms  p95 {summary.P95Milliseconds:F2} ms  p99 {summary.P99Milliseconds:F2} ms  ");

    private static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
