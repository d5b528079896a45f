namespace UserManagement.Contracts.Users;

/// <summary>
/// The outcome of a registration: the user (new, or the one a repeated registration created), or a refusal because the
/// address is taken or may not be registered by anyone (the administrator's, or one that looks like it).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record RegistrationResult(
    [property: Id(1)] UserDetails? User,
    [property: Id(2)] bool AddressReserved = false)
{
    public static RegistrationResult Registered(UserDetails user) => new(user);

    public static RegistrationResult AlreadyRegistered { get; } = new(User: null);

    public static RegistrationResult Reserved { get; } = new(User: null, AddressReserved: true);
}
