namespace UserManagement.Grains.Users;

/// <summary>The outcome of a registration: the new user, or a refusal because the address is taken.</summary>
[GenerateSerializer, Immutable]
public sealed record RegistrationResult(
    [property: Id(0)] bool Created,
    [property: Id(1)] UserDetails? User)
{
    public static RegistrationResult Registered(UserDetails user) => new(true, user);

    public static RegistrationResult AlreadyRegistered { get; } = new(false, null);
}
