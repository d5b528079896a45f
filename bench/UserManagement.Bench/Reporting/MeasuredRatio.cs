namespace UserManagement.Bench.Reporting;

/// <summary>
/// A figure a scenario is judged by, with its target: a ratio to a baseline (at least the target) or a quantity such as
/// bytes per grain (at most the target).
/// </summary>
public sealed record MeasuredRatio(string Name, double Value, double Target, bool TargetIsMinimum, string Meaning)
{
    public bool MeetsTarget => TargetIsMinimum ? Value >= Target : Value <= Target;
}
