namespace UserManagement.Contracts.Users;

public enum LoginOutcome
{
    Succeeded = 0,

    /// <summary>A wrong password or an unknown user: the two are not told apart.</summary>
    InvalidCredentials = 1,

    /// <summary>Too many recent failures: no password is checked until the back-off has passed.</summary>
    Throttled = 2,
}
