using UserManagement.Contracts.Users;
using UserManagement.Contracts.Passwords;

namespace UserManagement.Grains.Passwords;

/// <summary>
/// Hashing and verifying passwords, bounded: when too much is waiting either throws
/// <see cref="PasswordHashingBusyException"/> without hashing anything, and neither hashes for a caller whose
/// cancellation token is cancelled before its turn.
/// </summary>
public interface IPasswordHasher
{
    /// <summary>A PHC string (<c>$argon2id$v=19$m=…,t=…,p=…$salt$hash</c>).</summary>
    Task<string> Hash(Password password, CancellationToken cancellationToken = default);

    /// <summary>
    /// Whether <paramref name="password"/> matches <paramref name="passwordHash"/>. With no hash (an unknown user) it
    /// still does the work of a verification and answers <see langword="false"/>, so the two cases take the same time.
    /// </summary>
    Task<bool> Verify(string? passwordHash, Password password, CancellationToken cancellationToken = default);
}
