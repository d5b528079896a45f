using System.Text;

namespace UserManagement.Grains.Users;

/// <summary>Email addresses are case-insensitive in this service: <c>A@B.com</c> and <c>a@b.COM</c> are one user.</summary>
public static class EmailAddress
{
    /// <summary>RFC 5321 limits a forward path to 254 characters.</summary>
    public const int MaxLength = 254;

    public static string Normalize(string emailAddress) =>
        emailAddress.Trim().Normalize(NormalizationForm.FormC).ToLowerInvariant();

    /// <summary>A deliberately plain check: one <c>@</c>, something before it, a dotted domain after it, no spaces or controls.</summary>
    public static bool IsValid(string? emailAddress)
    {
        if (string.IsNullOrWhiteSpace(emailAddress))
        {
            return false;
        }

        var candidate = emailAddress.Trim();
        if (candidate.Length > MaxLength || candidate.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)) || !IsWellFormed(candidate))
        {
            return false;
        }

        var at = candidate.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0 || at != candidate.LastIndexOf('@') || at == candidate.Length - 1)
        {
            return false;
        }

        var domain = candidate[(at + 1)..];
        var dot = domain.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 && dot < domain.Length - 1 && !domain.Contains("..", StringComparison.Ordinal);
    }

    /// <summary>No lone surrogate: such text has no Unicode normal form, so it cannot name a user.</summary>
    private static bool IsWellFormed(string text)
    {
        for (var index = 0; index < text.Length; index += Rune.GetRuneAt(text, index).Utf16SequenceLength)
        {
            if (!Rune.TryGetRuneAt(text, index, out _))
            {
                return false;
            }
        }

        return true;
    }
}
