namespace UserManagement.Ingest.Messages;

/// <summary>
/// An event as the shop's contract defines it (the CloudEvent the services call a traced message), read from whichever
/// of the three envelopes it came in. Only what the contract makes required is required here.
/// </summary>
/// <param name="EventType">The EventBridge <c>detail-type</c> when the envelope had one, otherwise <see cref="Type"/>.</param>
/// <param name="TraceParent">The producer's W3C trace context when it was a string: unchecked, it may be malformed.</param>
/// <param name="Data">
/// The members of <c>data</c> whose values are strings of valid text; <see langword="null"/> when <c>data</c> is absent or
/// not an object. What they must hold depends on the event type, so the translator checks them.
/// </param>
public sealed record CloudEvent(
    string EventType,
    string SpecVersion,
    string Id,
    string Source,
    string Type,
    string? TraceParent,
    IReadOnlyDictionary<string, string>? Data);
