namespace UserManagement.Contracts.Users;

[GenerateSerializer, Immutable]
public sealed record UserDetails(
    [property: Id(0)] string UserId,
    [property: Id(1)] string EmailAddress,
    [property: Id(2)] string FirstName,
    [property: Id(3)] string LastName,
    [property: Id(4)] int OrderCount,
    [property: Id(5)] UserTier Tier);
