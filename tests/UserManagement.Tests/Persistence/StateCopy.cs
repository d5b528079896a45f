using System.Diagnostics.CodeAnalysis;

namespace UserManagement.Tests.Persistence;

/// <summary>What one activation holds of a grain state, for driving the storage without a grain.</summary>
public sealed class StateCopy<T> : IGrainState<T>
    where T : new()
{
    [AllowNull]
    public T State
    {
        get;
        set => field = value ?? new T();
    } = new();

    public string? ETag { get; set; }

    public bool RecordExists { get; set; }
}
