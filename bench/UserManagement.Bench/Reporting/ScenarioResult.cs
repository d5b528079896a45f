namespace UserManagement.Bench.Reporting;

/// <summary>What one scenario measured, as the report and the chart show it.</summary>
public sealed record ScenarioResult(
    string Scenario,
    string Description,
    IReadOnlyList<ContenderSummary> Contenders,
    IReadOnlyList<MeasuredRatio> Ratios,
    IReadOnlyList<string> Notes);
