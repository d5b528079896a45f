namespace UserManagement.Bench.Load;

/// <summary>One contender's round: successful operations per second, the latency of every operation, the failures.</summary>
public sealed record RoundMeasurement(double Rate, LatencyHistogram Latencies, long Operations, long Errors, string? FirstError);
