namespace UserManagement.Tests.Cluster;

/// <summary>
/// Tests that load the machine on purpose and measure how the service holds up run alone, after the others: the
/// suite's own load would stand in for theirs, and theirs would slow every other test.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MeasuredAloneCollection
{
    public const string Name = "measured alone";
}
