using UserManagement.Bench.Reporting;

namespace UserManagement.Bench;

/// <summary>One measurement the bench can run, chosen by its name on the command line.</summary>
public interface IBenchmarkScenario
{
    string Name { get; }

    string Description { get; }

    /// <summary>Rounds and operations that keep this scenario to about a minute; the command line overrides them.</summary>
    BenchmarkSettings Defaults { get; }

    Task<ScenarioResult> RunAsync(BenchmarkSettings settings, CancellationToken cancellationToken);
}
