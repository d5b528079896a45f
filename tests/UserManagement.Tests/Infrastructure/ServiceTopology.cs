namespace UserManagement.Tests.Infrastructure;

/// <summary>
/// How the service's processes are arranged. <see cref="CoHosted"/>: the silo serves the API and consumes the queue
/// itself. <see cref="Split"/>: the gateway and the ingest worker are Orleans clients of the cluster.
/// </summary>
public enum ServiceTopology
{
    Split,
    CoHosted,
}

/// <summary>
/// The topology the shared test cluster runs in: <c>USER_MANAGEMENT_TEST_TOPOLOGY</c> (<c>split</c> or
/// <c>co-hosted</c>), split when unset. <c>scripts/test.sh</c> runs the API, ingest, OAuth and telemetry tests in both.
/// </summary>
public static class TestTopology
{
    public const string VariableName = "USER_MANAGEMENT_TEST_TOPOLOGY";

    public static ServiceTopology Current { get; } = Environment.GetEnvironmentVariable(VariableName)?.Trim().ToLowerInvariant() switch
    {
        null or "" or "split" => ServiceTopology.Split,
        "co-hosted" or "cohosted" => ServiceTopology.CoHosted,
        var other => throw new InvalidOperationException($"{VariableName} is '{other}'; it is 'split' or 'co-hosted'."),
    };
}
