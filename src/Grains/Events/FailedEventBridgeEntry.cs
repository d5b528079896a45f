namespace UserManagement.Grains.Events;

/// <summary>An entry EventBridge did not accept, as it reported it.</summary>
/// <param name="Index">The entry's position in the list given to <see cref="IEventBridgePublisher.PutEvents"/>.</param>
public sealed record FailedEventBridgeEntry(int Index, string ErrorCode, string? ErrorMessage);
