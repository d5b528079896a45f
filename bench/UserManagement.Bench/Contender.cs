namespace UserManagement.Bench;

/// <summary>One side of a comparison: an operation the bench runs many times, given the worker and operation number.</summary>
public sealed record Contender(string Name, Func<int, int, Task> Operation);
