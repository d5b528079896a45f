namespace UserManagement.Tests.Events;

/// <summary>
/// Tests that measure how long calls take run alone, after the others, so the suite's own load (hashing, property
/// suites, process clusters) does not stand in for the slowness they look for.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MeasuredAloneCollection
{
    public const string Name = "measured alone";
}
