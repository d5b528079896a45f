using System.Diagnostics.Metrics;
using UserManagement.Contracts.Passwords;
using UserManagement.Grains.Passwords;

namespace UserManagement.Tests.Infrastructure;

/// <summary>
/// The password-hashing meter's counts of one hasher, from now on: only the meter made by the given meter factory (a
/// silo's, or a test's own) is listened to, so hashers elsewhere in the test process do not count.
/// </summary>
public sealed class HashingMeasurements : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly Dictionary<string, long> _counts = [];
    private readonly Lock _gate = new();

    public HashingMeasurements(IMeterFactory meters)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Scope == meters && instrument.Meter.Name == PasswordHashingMetrics.MeterName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var reason = tags.ToArray().FirstOrDefault(t => t.Key == "reason").Value as string;
            var name = reason is null ? instrument.Name : $"{instrument.Name}/{reason}";
            lock (_gate)
            {
                _counts[name] = _counts.GetValueOrDefault(name) + value;
            }
        });
        _listener.SetMeasurementEventCallback<double>((instrument, _, _, _) =>
        {
            lock (_gate)
            {
                _counts[instrument.Name] = _counts.GetValueOrDefault(instrument.Name) + 1;
            }
        });
        _listener.Start();
    }

    /// <summary>Jobs a hashing thread has taken up (each records how long it waited).</summary>
    public long Started => Count("password_hashing.queue.wait");

    /// <summary>Hash or verification jobs computed.</summary>
    public long Computed => Count("password_hashing.computed");

    /// <summary>Jobs dropped uncomputed for <paramref name="reason"/> (see <see cref="PasswordHashingMetrics"/>).</summary>
    public long Dropped(string reason) => Count($"password_hashing.dropped/{reason}");

    public void Dispose() => _listener.Dispose();

    private long Count(string name)
    {
        lock (_gate)
        {
            return _counts.GetValueOrDefault(name);
        }
    }
}
