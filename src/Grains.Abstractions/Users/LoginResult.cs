namespace UserManagement.Contracts.Users;

[GenerateSerializer, Immutable]
public sealed record LoginResult(
    [property: Id(0)] LoginOutcome Outcome,
    [property: Id(1)] UserDetails? User,
    [property: Id(2)] TimeSpan RetryAfter)
{
    public static LoginResult Succeeded(UserDetails user) => new(LoginOutcome.Succeeded, user, TimeSpan.Zero);

    public static LoginResult InvalidCredentials { get; } = new(LoginOutcome.InvalidCredentials, null, TimeSpan.Zero);

    public static LoginResult Throttled(TimeSpan retryAfter) => new(LoginOutcome.Throttled, null, retryAfter);
}
