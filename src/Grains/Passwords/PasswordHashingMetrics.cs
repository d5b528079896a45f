using System.Diagnostics.Metrics;
using UserManagement.Contracts.Passwords;

namespace UserManagement.Grains.Passwords;

/// <summary>What became of each hash the silo was asked for, on the meter <c>UserManagement.PasswordHashing</c>.</summary>
public sealed class PasswordHashingMetrics
{
    public const string MeterName = "UserManagement.PasswordHashing";

    /// <summary>The caller gave up (its cancellation token) before a thread was free.</summary>
    public const string Cancelled = "cancelled";

    /// <summary>No thread was free within the queue's timeout.</summary>
    public const string Expired = "expired";

    /// <summary>The queue was full when the hash was asked for.</summary>
    public const string QueueFull = "queue_full";

    private readonly Counter<long> _computed;
    private readonly Counter<long> _dropped;
    private readonly Histogram<double> _wait;

    public PasswordHashingMetrics(IMeterFactory? meterFactory, Func<int> queued)
    {
        var meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _computed = meter.CreateCounter<long>(
            "password_hashing.computed", "{hash}", "Hash or verification jobs computed (a verification may hash twice).");
        _dropped = meter.CreateCounter<long>(
            "password_hashing.dropped", "{hash}", "Jobs never computed, by reason: cancelled, expired, queue_full.");
        _wait = meter.CreateHistogram<double>(
            "password_hashing.queue.wait", "s", "How long each job that started waited for a hashing thread.");
        meter.CreateObservableGauge("password_hashing.queue.length", queued, "{hash}", "Jobs waiting for a hashing thread.");
    }

    public void Started(TimeSpan waited) => _wait.Record(waited.TotalSeconds);

    public void Computed() => _computed.Add(1);

    public void Dropped(string reason) => _dropped.Add(1, new KeyValuePair<string, object?>("reason", reason));
}
