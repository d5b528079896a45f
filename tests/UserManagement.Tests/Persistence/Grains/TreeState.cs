namespace UserManagement.Tests.Persistence.Grains;

/// <summary>A state that nests as deep as it is built, to pass DynamoDB's 32 levels of maps.</summary>
public sealed class TreeState
{
    public string Label { get; set; } = string.Empty;

    public TreeState? Child { get; set; }

    public static TreeState Chain(int depth) =>
        depth <= 1 ? new TreeState { Label = "leaf" } : new TreeState { Label = $"level {depth}", Child = Chain(depth - 1) };

    public int Depth() => 1 + (Child?.Depth() ?? 0);
}
