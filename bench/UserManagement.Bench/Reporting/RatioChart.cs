using ScottPlot;

namespace UserManagement.Bench.Reporting;

/// <summary>
/// A bar per ratio to a baseline, next to a bar of its target, so a glance shows which scenario falls short. Quantities
/// that are not ratios (bytes per grain) are shown as the fraction of their budget used.
/// </summary>
public static class RatioChart
{
    public static void Save(IReadOnlyList<ScenarioResult> results, string path)
    {
        var figures = results.SelectMany(result => result.Ratios.Select(ratio => (result.Scenario, Ratio: ratio))).ToArray();
        var plot = new Plot();
        var ticks = new List<Tick>();
        for (var i = 0; i < figures.Length; i++)
        {
            var (scenario, ratio) = figures[i];
            var (measured, target) = ratio.TargetIsMinimum ? (ratio.Value, ratio.Target) : (ratio.Value / ratio.Target, 1.0);
            var position = i * 3;
            var bar = plot.Add.Bar(position, measured);
            bar.Color = ratio.MeetsTarget ? Colors.SeaGreen : Colors.IndianRed;
            bar.LegendText = i == 0 ? "measured" : "";
            var goal = plot.Add.Bar(position + 1, target);
            goal.Color = Colors.LightGray;
            goal.LegendText = i == 0 ? "target" : "";
            var label = $"{scenario}\n{Wrap(ratio.TargetIsMinimum ? ratio.Name : ratio.Name + " (share of budget)")}";
            ticks.Add(new Tick(position + 0.5, label));
        }

        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual([.. ticks]);
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        plot.Axes.SetLimitsY(0, 1.35);
        plot.Title("Measured against targets (higher is better except budget shares)");
        plot.YLabel("ratio");
        plot.ShowLegend(Alignment.UpperRight);
        plot.SavePng(path, Math.Max(800, figures.Length * 190), 640);
    }

    /// <summary>Breaks a label into lines of about 22 characters, at spaces, so neighbouring labels do not overlap.</summary>
    private static string Wrap(string text)
    {
        var lines = new List<string> { "" };
        foreach (var word in text.Split(' '))
        {
            if (lines[^1].Length > 0 && lines[^1].Length + word.Length > 22)
            {
                lines.Add("");
            }

            lines[^1] = lines[^1].Length == 0 ? word : lines[^1] + " " + word;
        }

        return string.Join('\n', lines);
    }
}
