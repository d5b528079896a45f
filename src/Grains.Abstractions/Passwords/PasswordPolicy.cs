using System.Collections.Frozen;

namespace UserManagement.Grains.Passwords;

/// <summary>
/// ASVS 5 password rules: at least 8 characters, long passphrases allowed, no composition rules, and none of the
/// passwords attackers try first.
/// </summary>
public static class PasswordPolicy
{
    public const int MinLength = 8;

    /// <summary>ASVS asks to allow at least 64; the cap bounds the hashing input.</summary>
    public const int MaxLength = 128;

    private static readonly FrozenSet<string> CommonPasswords = new[]
    {
        "password", "password1", "password12", "password123", "password1234", "passw0rd", "p@ssw0rd", "p@ssword",
        "12345678", "123456789", "1234567890", "0123456789", "12341234", "11111111", "00000000", "88888888",
        "87654321", "987654321", "123123123", "11223344", "12121212", "qwertyui", "qwertyuiop", "qwerty123",
        "qwerty12", "1q2w3e4r", "1q2w3e4r5t", "1qaz2wsx", "zaq12wsx", "asdfghjkl", "asdfasdf", "abcd1234",
        "abc12345", "abcdefgh", "iloveyou", "iloveyou1", "sunshine", "princess", "football", "baseball",
        "welcome1", "welcome123", "letmein1", "trustno1", "superman", "starwars", "whatever", "computer",
        "michelle", "jennifer", "corvette", "mercedes", "internet", "changeme", "administrator", "admin123",
        "admin1234", "login123", "master12", "monkey123", "dragon12", "shadow12", "q1w2e3r4", "q1w2e3r4t5",
        "aa123456", "a1234567", "a12345678", "password!", "welcome!", "football1", "baseball1", "1234qwer",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>The reason the password is refused, or <see langword="null"/> when it is acceptable.</summary>
    public static string? Check(string? password)
    {
        if (string.IsNullOrEmpty(password))
        {
            return "A password is required.";
        }

        var length = password.EnumerateRunes().Count();
        if (length < MinLength)
        {
            return $"The password must be at least {MinLength} characters long.";
        }

        if (length > MaxLength)
        {
            return $"The password must be at most {MaxLength} characters long.";
        }

        return CommonPasswords.Contains(password)
            ? "This password is one of the most commonly used; choose another."
            : null;
    }
}
