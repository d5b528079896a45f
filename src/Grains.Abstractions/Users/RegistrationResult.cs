namespace UserManagement.Contracts.Users;

/// <summary>
/// The outcome of a registration: the new user, or a refusal because the address is taken or may not be registered
/// by anyone (the administrator's, or one that looks like it).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record RegistrationResult(
    [property: Id(0)] bool Created,
    [property: Id(1)] UserDetails? User,
    [property: Id(2)] bool AddressReserved = false)
{
    public static RegistrationResult Registered(UserDetails user) => new(true, user);

    public static RegistrationResult AlreadyRegistered { get; } = new(false, null);

    public static RegistrationResult Reserved { get; } = new(false, null, AddressReserved: true);
}
