namespace UserManagement.Tests.Persistence.Grains;

[GenerateSerializer]
public sealed class CounterOwner
{
    [Id(0)]
    public string Name { get; set; } = string.Empty;

    [Id(1)]
    public List<int> Scores { get; set; } = [];
}
