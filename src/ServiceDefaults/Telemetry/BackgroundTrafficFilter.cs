using System.Diagnostics;
using OpenTelemetry;

namespace UserManagement.ServiceDefaults.Telemetry;

/// <summary>
/// Records no trace that begins in background traffic rather than in the service's work: grain calls with nothing
/// behind them (membership, grain timers and grain services, the Orleans dashboard's counters every second) and
/// HTTP calls that no request or message made (the ingest worker's long polls, the reminder service's table reads).
/// Grain calls and HTTP calls inside a request's or a message's trace are kept, so those traces stay whole.
/// </summary>
internal sealed class BackgroundTrafficFilter : BaseProcessor<Activity>
{
    private const string OrleansRuntimeSource = "Microsoft.Orleans.Runtime";
    private const string OrleansApplicationSource = "Microsoft.Orleans.Application";
    private const string HttpClientSource = "System.Net.Http";

    public override void OnStart(Activity data)
    {
        if (IsBackground(data))
        {
            // Neither this span nor, through the parent-based sampler, any span beneath it is recorded or exported.
            data.IsAllDataRequested = false;
            data.ActivityTraceFlags &= ~ActivityTraceFlags.Recorded;
        }
    }

    // Orleans's own interfaces (membership, reminders, timers, the dashboard's counters) are never the service's work,
    // wherever they sit: they may carry a trace context left in the request context by an earlier call.
    private static bool IsBackground(Activity span) =>
        span.Source.Name == OrleansRuntimeSource
        || (span.ParentSpanId == default
            && (span.Source.Name == OrleansApplicationSource || (span.Source.Name == HttpClientSource && span.Kind == ActivityKind.Client)));
}
