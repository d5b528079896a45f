namespace UserManagement.Grains.Outbox;

/// <summary>
/// The port between the outbox and the event bus: one attempt to hand events over, its result told per event. It makes
/// exactly one try with a short timeout and never retries: retrying, with its back-off, is the outbox's alone, so there
/// is one retry loop between a change and its event. Failures are answers, not exceptions.
/// </summary>
public interface IEventPublisher
{
    /// <returns>One outcome per event, in the order of <paramref name="events"/>.</returns>
    Task<IReadOnlyList<EventOutcome>> PublishOnce(IReadOnlyList<OutgoingEvent> events, CancellationToken cancellationToken);
}
