namespace UserManagement.Contracts.Passwords;

/// <summary>
/// The silo's password hashing is saturated: its queue is full, or the hash waited past its deadline. Nothing was
/// hashed or verified, so nothing was counted; the caller may try again after <see cref="RetryAfter"/>.
/// </summary>
[GenerateSerializer]
public sealed class PasswordHashingBusyException : Exception
{
    public PasswordHashingBusyException()
        : this(TimeSpan.FromSeconds(1))
    {
    }

    public PasswordHashingBusyException(string message)
        : base(message)
    {
        RetryAfter = TimeSpan.FromSeconds(1);
    }

    public PasswordHashingBusyException(string message, Exception innerException)
        : base(message, innerException)
    {
        RetryAfter = TimeSpan.FromSeconds(1);
    }

    public PasswordHashingBusyException(TimeSpan retryAfter)
        : base("Password hashing is saturated; nothing was checked.")
    {
        RetryAfter = retryAfter;
    }

    /// <summary>About how long the queue needs to make room.</summary>
    [Id(0)]
    public TimeSpan RetryAfter { get; private set; }
}
