namespace UserManagement.Bench.Reporting;

/// <summary>One contender of a scenario over its measured rounds: the median rate and the latency of every operation.</summary>
public sealed record ContenderSummary(
    string Name,
    double Rate,
    string Unit,
    double P50Milliseconds,
    double P95Milliseconds,
    double P99Milliseconds,
    long Operations,
    long Errors);
