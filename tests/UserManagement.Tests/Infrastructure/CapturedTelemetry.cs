using System.Collections.Concurrent;
using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace UserManagement.Tests.Infrastructure;

/// <summary>
/// Every span any host in this test process ends (gateways and silos run in-process), kept in memory, and every log
/// line they write. Tests pick out what belongs to them by trace id or by the distinctive values they sent.
/// </summary>
public static class CapturedTelemetry
{
    /// <summary>The most spans kept, the oldest dropped first: enough for any test's own, and a bound on memory when a test sends thousands of calls.</summary>
    private const int MaxSpans = 100_000;

    private static readonly ConcurrentQueue<Activity> EndedSpans = new();

    private static readonly TracerProvider Tracing = Sdk.CreateTracerProviderBuilder()
        .AddSource("Microsoft.Orleans.*", "UserManagement.*", "Microsoft.AspNetCore", "System.Net.Http")
        .AddAspNetCoreInstrumentation()
        .AddHttpClientInstrumentation()
        .AddProcessor(new CollectingProcessor())
        .Build()!;

    public static CapturingLoggerProvider Logs { get; } = new();

    /// <summary>Starts listening; call before the traffic under test.</summary>
    public static void Start() => GC.KeepAlive(Tracing);

    public static IReadOnlyList<Activity> Spans => [.. EndedSpans];

    public static IReadOnlyList<Activity> SpansOf(ActivityTraceId traceId) => [.. EndedSpans.Where(s => s.TraceId == traceId)];

    private sealed class CollectingProcessor : BaseProcessor<Activity>
    {
        public override void OnEnd(Activity data)
        {
            EndedSpans.Enqueue(data);
            while (EndedSpans.Count > MaxSpans && EndedSpans.TryDequeue(out _))
            {
            }
        }
    }
}
