using UserManagement.Ingest.Processing;

namespace UserManagement.Ingest.Envelopes;

/// <summary>The event found in a message body, or why there is none.</summary>
public sealed record EnvelopeReading(InboundEvent? Event, DeadLetterReason? Failure)
{
    public static EnvelopeReading Read(InboundEvent inboundEvent) => new(inboundEvent, null);

    public static EnvelopeReading Unreadable(DeadLetterReason reason) => new(null, reason);
}
