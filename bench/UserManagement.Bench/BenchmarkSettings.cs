using System.Globalization;

namespace UserManagement.Bench;

/// <summary>How long and how hard a scenario measures: <c>--rounds 6 --operations 2000 --concurrency 8</c>.</summary>
public sealed record BenchmarkSettings(int Rounds, int WarmUpRounds, int OperationsPerRound, int Concurrency)
{
    public static BenchmarkSettings Default { get; } = new(Rounds: 6, WarmUpRounds: 1, OperationsPerRound: 2000, Concurrency: 8);

    /// <summary>The scenario's <paramref name="defaults"/> with what the command line sets instead.</summary>
    public static BenchmarkSettings Parse(IReadOnlyList<string> arguments, BenchmarkSettings defaults)
    {
        var settings = defaults;
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

        if (arguments.Count % 2 != 0)
        {
            throw new ArgumentException($"Option {arguments[^1]} needs a value.");
        }

        return settings;
    }
}
