namespace UserManagement.Tests.Persistence.Grains;

/// <summary>A grain state with the JSON shapes a real state has: numbers, text, flags, nulls, lists and a nested object.</summary>
[GenerateSerializer]
public sealed class CounterState
{
    [Id(0)]
    public int Count { get; set; }

    [Id(1)]
    public string Note { get; set; } = string.Empty;

    [Id(2)]
    public decimal Total { get; set; }

    [Id(3)]
    public bool Active { get; set; }

    [Id(4)]
    public string? Missing { get; set; }

    [Id(5)]
    public List<string> Tags { get; set; } = [];

    [Id(6)]
    public CounterOwner Owner { get; set; } = new();

    [Id(7)]
    public DateTimeOffset? LastChanged { get; set; }
}
