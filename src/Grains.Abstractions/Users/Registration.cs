namespace UserManagement.Contracts.Users;

[GenerateSerializer, Immutable]
public sealed record Registration(
    [property: Id(0)] string EmailAddress,
    [property: Id(1)] string FirstName,
    [property: Id(2)] string LastName,
    [property: Id(3)] Password Password);
