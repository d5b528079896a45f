namespace UserManagement.Bench.Reporting;

/// <summary>
/// One contender of a scenario over its measured rounds: the median rate, the latency of every operation, and the
/// median CPU time per operation of each process measured (microseconds), which says where the time goes.
/// </summary>
public sealed record ContenderSummary(
    string Name,
    double Rate,
    string Unit,
    double P50Milliseconds,
    double P95Milliseconds,
    double P99Milliseconds,
    long Operations,
    long Errors,
    IReadOnlyDictionary<string, double> CpuMicrosecondsPerOperation);
