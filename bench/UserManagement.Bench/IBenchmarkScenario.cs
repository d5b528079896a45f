namespace UserManagement.Bench;

/// <summary>One measurement the bench can run, chosen by its name on the command line.</summary>
public interface IBenchmarkScenario
{
    string Name { get; }

    string Description { get; }

    Task RunAsync(BenchmarkSettings settings, CancellationToken cancellationToken);
}
