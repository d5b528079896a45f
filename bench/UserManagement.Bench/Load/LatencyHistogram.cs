using System.Diagnostics;

namespace UserManagement.Bench.Load;

/// <summary>
/// Latencies in buckets 1 % wide on a logarithmic scale from 1 µs to about 10 minutes: recording is an array increment,
/// so the generator's own cost stays flat, and percentiles are exact to 1 %.
/// </summary>
public sealed class LatencyHistogram
{
    private const double BucketGrowth = 1.01;
    private static readonly double LogGrowth = Math.Log(BucketGrowth);
    private static readonly int BucketCount = (int)Math.Ceiling(Math.Log(600_000_000) / LogGrowth) + 1;

    private readonly long[] _counts = new long[BucketCount];

    public long Count { get; private set; }

    public void Record(long elapsedTimestampTicks)
    {
        var microseconds = Math.Max(1.0, elapsedTimestampTicks * 1_000_000.0 / Stopwatch.Frequency);
        var bucket = Math.Min(BucketCount - 1, (int)(Math.Log(microseconds) / LogGrowth));
        _counts[bucket]++;
        Count++;
    }

    public void Add(LatencyHistogram other)
    {
        for (var i = 0; i < BucketCount; i++)
        {
            _counts[i] += other._counts[i];
        }

        Count += other.Count;
    }

    /// <summary>The latency in milliseconds below which <paramref name="percentile"/> % of the recorded ones fall.</summary>
    public double PercentileMilliseconds(double percentile)
    {
        if (Count == 0)
        {
            return double.NaN;
        }

        var rank = (long)Math.Ceiling(Count * percentile / 100.0);
        long seen = 0;
        for (var i = 0; i < BucketCount; i++)
        {
            seen += _counts[i];
            if (seen >= rank)
            {
                // The bucket's upper bound: no recorded latency in it is above it.
                return Math.Pow(BucketGrowth, i + 1) / 1000.0;
            }
        }

        return Math.Pow(BucketGrowth, BucketCount) / 1000.0;
    }
}
