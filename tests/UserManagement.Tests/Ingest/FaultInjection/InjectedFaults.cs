using System.Collections.Concurrent;

namespace UserManagement.Tests.Ingest.FaultInjection;

/// <summary>
/// Faults the test silo injects into <c>RecordCompletedOrder</c> for chosen order ids only, so the real grain and
/// storage still do the work: failures the consumer must survive, and slowness it must keep messages hidden through.
/// </summary>
public static class InjectedFaults
{
    private static readonly ConcurrentDictionary<string, int> FailuresLeft = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, TimeSpan> Delays = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, ConcurrentQueue<DateTimeOffset>> Calls = new(StringComparer.Ordinal);

    public static void Fail(string orderId, int times) => FailuresLeft[orderId] = times;

    public static void Delay(string orderId, TimeSpan delay) => Delays[orderId] = delay;

    /// <summary>How often the grain was asked to record the order.</summary>
    public static int CallsFor(string orderId) => CallTimesFor(orderId).Count;

    /// <summary>When the grain was asked to record the order, in order.</summary>
    public static IReadOnlyList<DateTimeOffset> CallTimesFor(string orderId) => [.. Calls.GetValueOrDefault(orderId) ?? []];

    internal static async Task Apply(string orderId)
    {
        Calls.GetOrAdd(orderId, _ => new ConcurrentQueue<DateTimeOffset>()).Enqueue(DateTimeOffset.UtcNow);
        if (Delays.TryGetValue(orderId, out var delay))
        {
            await Task.Delay(delay);
        }

        var failing = false;
        FailuresLeft.AddOrUpdate(orderId, 0, (_, left) =>
        {
            failing = left > 0;
            return Math.Max(left - 1, 0);
        });
        if (failing)
        {
            throw new InjectedFaultException($"Injected failure of order {orderId}.");
        }
    }
}
