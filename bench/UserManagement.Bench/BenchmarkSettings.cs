using System.Globalization;

namespace UserManagement.Bench;

/// <summary>How long and how hard a scenario measures: <c>--rounds 6 --operations 2000 --concurrency 8</c>.</summary>
public sealed record BenchmarkSettings(int Rounds, int WarmUpRounds, int OperationsPerRound, int Concurrency)
{
    public static BenchmarkSettings Default { get; } = new(Rounds: 6, WarmUpRounds: 1, OperationsPerRound: 2000, Concurrency: 8);

    public static BenchmarkSettings Parse(IReadOnlyList<string> arguments)
    {
        var settings = Default;
        for (var i = 0; i + 1 < arguments.Count; i += 2)
        {
            var value = int.Parse(arguments[i + 1], CultureInfo.InvariantCulture);
            settings = arguments[i] switch
            {
                "--rounds" => settings with { Rounds = value },
                "--warm-up" => settings with { WarmUpRounds = value },
                "--operations" => settings with { OperationsPerRound = value },
                "--concurrency" => settings with { Concurrency = value },
                var unknown => throw new ArgumentException($"Unknown option {unknown}."),
            };
        }

        return settings;
    }
}
