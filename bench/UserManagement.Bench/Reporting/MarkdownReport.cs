using System.Globalization;
using System.Text;

namespace UserManagement.Bench.Reporting;

/// <summary>The results of a run as Markdown: one table of every contender, one of every ratio against its target.</summary>
public static class MarkdownReport
{
    public static string Render(IReadOnlyList<ScenarioResult> results, string machine, string settings, string chartFileName)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"# Benchmark results, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Machine: {machine}. Load average at the end: {LoadAverage()}.");
        text.AppendLine(CultureInfo.InvariantCulture, $"Settings: {settings}.");
        text.AppendLine();
        text.AppendLine("| scenario | contender | rate | p50 ms | p95 ms | p99 ms | operations | errors |");
        text.AppendLine("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var result in results)
        {
            foreach (var contender in result.Contenders)
            {
                text.AppendLine(CultureInfo.InvariantCulture,
                    $"| {result.Scenario} | {contender.Name} | {contender.Rate:N1} {contender.Unit} | {Milliseconds(contender.P50Milliseconds)} | {Milliseconds(contender.P95Milliseconds)} | {Milliseconds(contender.P99Milliseconds)} | {contender.Operations:N0} | {contender.Errors:N0} |");
            }
        }

        var processes = results.SelectMany(result => result.Contenders).SelectMany(c => c.CpuMicrosecondsPerOperation.Keys).Distinct().ToArray();
        if (processes.Length > 0)
        {
            text.AppendLine();
            text.AppendLine("CPU time per operation by process (µs, median of rounds; where the time goes):");
            text.AppendLine();
            text.AppendLine("| scenario | contender | " + string.Join(" | ", processes) + " | total |");
            text.AppendLine("| --- | --- |" + string.Concat(Enumerable.Repeat(" ---: |", processes.Length + 1)));
            foreach (var result in results)
            {
                foreach (var contender in result.Contenders.Where(c => c.CpuMicrosecondsPerOperation.Count > 0))
                {
                    var cells = processes.Select(p => contender.CpuMicrosecondsPerOperation.TryGetValue(p, out var micros) ? Micros(micros) : "");
                    text.AppendLine(CultureInfo.InvariantCulture,
                        $"| {result.Scenario} | {contender.Name} | {string.Join(" | ", cells)} | {Micros(contender.CpuMicrosecondsPerOperation.Values.Sum())} |");
                }
            }
        }

        text.AppendLine();
        text.AppendLine("| scenario | figure | measured | target | met | meaning |");
        text.AppendLine("| --- | --- | ---: | ---: | :---: | --- |");
        foreach (var result in results)
        {
            foreach (var ratio in result.Ratios)
            {
                var target = (ratio.TargetIsMinimum ? "≥ " : "≤ ") + Number(ratio.Target);
                text.AppendLine(CultureInfo.InvariantCulture,
                    $"| {result.Scenario} | {ratio.Name} | {Number(ratio.Value)} | {target} | {(ratio.MeetsTarget ? "yes" : "no")} | {ratio.Meaning} |");
            }
        }

        text.AppendLine();
        foreach (var result in results.Where(result => result.Notes.Count > 0))
        {
            foreach (var note in result.Notes)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"- `{result.Scenario}`: {note}");
            }
        }

        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"![ratios against targets]({chartFileName})");
        return text.ToString();
    }

    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    /// <summary>A percentile, or a dash for a contender whose operations have no latency of their own (a drained queue).</summary>
    private static string Milliseconds(double value) =>
        double.IsNaN(value) ? "–" : value.ToString("F2", CultureInfo.InvariantCulture);

    private static string Micros(double value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Number(double value) =>
        value.ToString(Math.Abs(value) >= 100 ? "N0" : "F2", CultureInfo.InvariantCulture);
}
