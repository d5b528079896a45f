using System.Diagnostics;
using OpenTelemetry;

namespace UserManagement.ServiceDefaults.Telemetry;

/// <summary>
/// Records no trace that begins in background traffic rather than in the service's work: only a request (an incoming
/// HTTP request) or a message (a consumer span) starts a trace. Orleans's runtime calls (membership, grain timers and
/// grain services, the Orleans dashboard's counters every second), activations and the storage reads they make, grain
/// calls a health check or a key-ring refresh makes, and HTTP calls that no request or message made (the ingest
/// consumer's long polls, the reminder service's table reads) start none. A silo that serves the API and consumes the
/// queue makes all of these in one process, so they are told apart by what starts them, not by the process. Spans
/// inside a request's or a message's trace are kept, so those traces stay whole, except Orleans's own runtime calls.
/// </summary>
internal sealed class BackgroundTrafficFilter : BaseProcessor<Activity>
{
    private const string OrleansRuntimeSource = "Microsoft.Orleans.Runtime";
    private const string IncomingHttpSource = "Microsoft.AspNetCore";

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
        span.Source.Name == OrleansRuntimeSource || (span.ParentSpanId == default && !IsServiceWork(span));

    private static bool IsServiceWork(Activity span) =>
        span.Source.Name == IncomingHttpSource || span.Kind == ActivityKind.Consumer;
}
