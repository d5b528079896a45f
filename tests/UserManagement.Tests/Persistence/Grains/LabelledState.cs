namespace UserManagement.Tests.Persistence.Grains;

/// <summary>A state with a dictionary, whose keys become map keys, and text that may be empty.</summary>
public sealed class LabelledState
{
    public Dictionary<string, int> Counts { get; set; } = [];

    public string Label { get; set; } = string.Empty;
}
