namespace UserManagement.Grains.Outbox;

/// <summary>A grain with an outbox, told what became of an attempt to publish its events.</summary>
/// <remarks>
/// The answer arrives as a call of its own, so the state change it causes runs as one of the grain's turns, never
/// beside another turn's write.
/// </remarks>
public interface IOutboxOwner : IGrainWithStringKey
{
    Task AttemptFinished(IReadOnlyList<EventOutcome> outcomes);
}
