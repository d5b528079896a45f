namespace UserManagement.Bench.Load;

/// <summary>
/// One contender's round: successful operations per second, the latency of every operation, the failures, and the CPU
/// time each probed process spent per operation (microseconds).
/// </summary>
public sealed record RoundMeasurement(
    double Rate,
    LatencyHistogram Latencies,
    long Operations,
    long Errors,
    string? FirstError,
    IReadOnlyDictionary<string, double> CpuMicrosecondsPerOperation);
