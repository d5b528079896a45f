using System.Diagnostics;
using System.Text.Json.Serialization;

namespace UserManagement.Grains.Outbox;

/// <summary>
/// An event recorded with the state change that caused it, in the same write: pending until the event bus accepts it,
/// or parked once it has failed for good, until an operator publishes it again.
/// </summary>
[GenerateSerializer]
public sealed class OutboxEvent
{
    /// <summary>The CloudEvent id: stable across retries, so consumers can drop duplicates.</summary>
    [Id(0)]
    public string Id { get; set; } = "";

    [Id(1)]
    public string DetailType { get; set; } = "";

    /// <summary>The CloudEvent, as the JSON text sent as the entry's <c>Detail</c>.</summary>
    [Id(2)]
    public string Detail { get; set; } = "";

    [Id(3)]
    public DateTimeOffset RecordedAt { get; set; }

    /// <summary>The W3C trace context of the change, so publishing continues its trace.</summary>
    [Id(4)]
    public string? TraceParent { get; set; }

    /// <summary>Attempts that failed since the event was recorded (or last re-published by an operator).</summary>
    [Id(5)]
    public int Attempts { get; set; }

    /// <summary>When the next attempt is due; none (or a past time) means now.</summary>
    [Id(6)]
    public DateTimeOffset? NextAttemptAt { get; set; }

    /// <summary>The last failure, as the event bus told it (<c>ThrottlingException: Rate exceeded</c>).</summary>
    [Id(7)]
    public string? LastError { get; set; }

    /// <summary>When the event was parked: it failed for good and waits for an operator; no attempts are made.</summary>
    [Id(8)]
    public DateTimeOffset? ParkedAt { get; set; }

    [JsonIgnore]
    public bool IsParked => ParkedAt is not null;

    public bool IsDue(DateTimeOffset now) => !IsParked && (NextAttemptAt ?? DateTimeOffset.MinValue) <= now;

    /// <summary>A new event of the current grain call, carrying its trace context.</summary>
    public static OutboxEvent Record(string detailType, DateTimeOffset now, Func<string, string?, string> detail)
    {
        // With tracing off no activity is current, but Orleans still carries the caller's context in RequestContext.
        var traceParent = Activity.Current?.Id ?? RequestContext.Get("traceparent") as string;
        var id = Guid.NewGuid().ToString();
        return new OutboxEvent
        {
            Id = id,
            DetailType = detailType,
            Detail = detail(id, traceParent),
            RecordedAt = now,
            TraceParent = traceParent,
        };
    }
}
