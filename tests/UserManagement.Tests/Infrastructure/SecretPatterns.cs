using System.Text.RegularExpressions;

namespace UserManagement.Tests.Infrastructure;

public static partial class SecretPatterns
{
    /// <summary>
    /// A stored Argon2id hash: a 16-byte salt and a 32-byte hash, base64 without padding. Text that merely starts like
    /// one (a first name an attacker chose, say) is not a leak.
    /// </summary>
    [GeneratedRegex(@"\$argon2id\$v=19\$m=\d+,t=\d+,p=\d+\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}")]
    public static partial Regex PasswordHash();
}
