using System.Text.Json;

namespace UserManagement.Ingest.Envelopes;

/// <summary>
/// The CloudEvent the shop's services wrap every event in (wire names in lower case: <c>specversion</c>, <c>id</c>, ...),
/// with the W3C <c>traceparent</c> of the producer's trace. Any field may be missing; the translators decide what they need.
/// </summary>
public sealed record TracedMessage(
    string? SpecVersion,
    string? Id,
    string? Source,
    string? Type,
    string? Time,
    string? DataContentType,
    string? TraceParent,
    JsonElement? Data);
