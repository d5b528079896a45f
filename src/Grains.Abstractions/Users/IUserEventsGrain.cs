namespace UserManagement.Contracts.Users;

/// <summary>
/// A user's outgoing events, for operators: what is still waiting to be published or was parked after failing for
/// good, and publishing parked events again. Same grain as <see cref="IUserGrain"/>.
/// </summary>
public interface IUserEventsGrain : IGrainWithStringKey
{
    /// <summary>The events not yet published, oldest first, or <see langword="null"/> when nobody is registered here.</summary>
    Task<IReadOnlyList<OutgoingEventStatus>?> GetOutgoingEvents();

    /// <summary>
    /// Makes every parked event pending again, with a fresh count of attempts, and publishes it at once (same id as
    /// before). Answers how many there were, or <see langword="null"/> when nobody is registered here.
    /// </summary>
    Task<int?> RepublishParkedEvents();
}
