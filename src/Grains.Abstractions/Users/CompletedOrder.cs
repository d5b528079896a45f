namespace UserManagement.Contracts.Users;

/// <summary>The internal command the anti-corruption layer sends for every completed order, whatever its source version.</summary>
[GenerateSerializer, Immutable]
public sealed record CompletedOrder([property: Id(0)] string OrderId);
