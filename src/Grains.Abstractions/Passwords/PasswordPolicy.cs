using System.Collections.Frozen;
using System.Text;

namespace UserManagement.Contracts.Passwords;

/// <summary>
/// ASVS 5 password rules: at least 8 characters, long passphrases allowed, no composition rules, and none of the
/// passwords attackers try first (the list in <c>CommonPasswords/</c>, also with digits or symbols appended).
/// </summary>
public static class PasswordPolicy
{
    public const int MinLength = 8;

    /// <summary>ASVS asks to allow at least 64; the cap bounds the hashing input.</summary>
    public const int MaxLength = 128;

    /// <summary>A common password with this much or more left after its appended digits and symbols is still refused.</summary>
    private const int MinCommonStem = 4;

    private static readonly FrozenSet<string> CommonPasswords =
        EmbeddedText.Lines("UserManagement.Passwords.common-passwords.txt").ToFrozenSet(StringComparer.Ordinal);

    /// <summary>
    /// The form a password is hashed and verified in: NFC, so that text typed composed on one device and decomposed on
    /// another (<c>café</c> as é, or as e and a combining accent) is one password. NFC and not NFKC, as RFC 8265's
    /// OpaqueString profile for passwords has it: NFKC would also fold characters a user chose on purpose (fullwidth,
    /// superscripts, ligatures) into others, making different passwords equal and the space smaller, while a keyboard
    /// types the same such character every time. Text that has no normal form (a lone surrogate) is left as it is.
    /// </summary>
    public static string Normalize(string password) => TryNormalize(password, out var normalized) ? normalized : password;

    /// <summary>The reason the password is refused, or <see langword="null"/> when it is acceptable.</summary>
    public static string? Check(string? password)
    {
        if (string.IsNullOrEmpty(password))
        {
            return "A password is required.";
        }

        if (!TryNormalize(password, out var normalized))
        {
            return "The password is not valid Unicode text.";
        }

        var length = normalized.EnumerateRunes().Count();
        if (length < MinLength)
        {
            return $"The password must be at least {MinLength} characters long.";
        }

        if (length > MaxLength)
        {
            return $"The password must be at most {MaxLength} characters long.";
        }

        if (normalized.EnumerateRunes().Distinct().Count() == 1 || string.IsNullOrWhiteSpace(normalized))
        {
            return "The password must not be one character repeated or only spaces.";
        }

        return IsCommon(normalized)
            ? "This password is one of the most commonly used, or one with digits or symbols added; choose another."
            : null;
    }

    private static bool TryNormalize(string password, out string normalized)
    {
        try
        {
            normalized = password.IsNormalized(NormalizationForm.FormC) ? password : password.Normalize(NormalizationForm.FormC);
            return true;
        }
        catch (ArgumentException)
        {
            normalized = password;
            return false;
        }
    }

    /// <summary>In any case and width (<c>ＰＡＳＳＷＯＲＤ</c>), and with digits, symbols or spaces added at the end.</summary>
    private static bool IsCommon(string password)
    {
        var folded = password.Normalize(NormalizationForm.FormKC).ToLowerInvariant();
        if (CommonPasswords.Contains(folded))
        {
            return true;
        }

        var end = folded.Length;
        while (end > 0 && IsAppendedNoise(folded[end - 1]))
        {
            end--;
        }

        return end >= MinCommonStem && end < folded.Length && CommonPasswords.Contains(folded[..end]);
    }

    private static bool IsAppendedNoise(char c) =>
        char.IsDigit(c) || char.IsWhiteSpace(c) || char.IsPunctuation(c) || char.IsSymbol(c);
}
