using UserManagement.Tests.Persistence.Grains;

namespace UserManagement.Tests.Persistence;

/// <summary>A counter state with every JSON shape filled in, including the empty ones DynamoDB once refused.</summary>
public sealed class CounterStateBuilder
{
    private int _count = 3;
    private string _note = "first note";
    private List<string> _tags = ["a", "b", "", "a"];

    public CounterStateBuilder WithCount(int count)
    {
        _count = count;
        return this;
    }

    public CounterStateBuilder WithNote(string note)
    {
        _note = note;
        return this;
    }

    /// <summary>A note of about <paramref name="bytes"/> bytes, to make the item that large.</summary>
    public CounterStateBuilder WithNoteOfSize(int bytes) => WithNote(new string('x', bytes));

    public CounterStateBuilder WithTags(params string[] tags)
    {
        _tags = [.. tags];
        return this;
    }

    public CounterState Build() => new()
    {
        Count = _count,
        Note = _note,
        Total = 1234.50m,
        Active = true,
        Missing = null,
        Tags = [.. _tags],
        Owner = new CounterOwner { Name = "Ada", Scores = [1, 2, 3] },
        LastChanged = new DateTimeOffset(2026, 11, 24, 12, 30, 0, TimeSpan.Zero),
    };
}
