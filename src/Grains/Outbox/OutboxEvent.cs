namespace UserManagement.Grains.Outbox;

/// <summary>An event recorded with the state change that caused it, waiting until EventBridge has accepted it.</summary>
[GenerateSerializer]
public sealed class PendingEvent
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
}
