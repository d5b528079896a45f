using System.Diagnostics.CodeAnalysis;
using UserManagement.Tests.Persistence.Grains;

namespace UserManagement.Tests.Persistence;

/// <summary>What one activation holds of a counter's state, for driving the storage without a grain.</summary>
public sealed class CounterStateCopy : IGrainState<CounterState>
{
    [AllowNull]
    public CounterState State
    {
        get;
        set => field = value ?? new CounterState();
    } = new();

    public string? ETag { get; set; }

    public bool RecordExists { get; set; }
}
