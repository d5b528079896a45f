using System.Globalization;

namespace UserManagement.Bench;

/// <summary>
/// Each contender's rate per round. Compares the first contender with each other one by the median of their ratios
/// within a round, which run back to back and so share the machine's state more than any two medians do.
/// </summary>
public sealed record ComparisonResult(IReadOnlyList<(string Name, IReadOnlyList<double> Rates)> Contenders)
{
    public void Print()
    {
        Console.WriteLine();
        foreach (var (name, rates) in Contenders)
        {
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture, $"  {name,-34} {Median(rates),10:F0} writes/s (median of rounds)"));
        }

        var (firstName, firstRates) = Contenders[0];
        foreach (var (name, rates) in Contenders.Skip(1))
        {
            var ratio = Median([.. firstRates.Zip(rates, (first, other) => first / other)]);
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture, $"  ratio {firstName} / {name,-31} {ratio,5:F2} (median of per-round ratios)"));
        }
    }

    private static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
