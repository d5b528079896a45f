using System.Globalization;
using System.Text;
using UserManagement.Contracts.Unicode;

namespace UserManagement.Contracts.Users;

/// <summary>
/// Email addresses as mail systems see them, so that one mailbox is one account. An address's canonical form is its
/// compatibility-normalised (NFKC), lower-cased local part, <c>@</c>, and its domain in IDNA A-labels without a
/// trailing dot: <c>ＦＷ@Bücher.de.</c> becomes <c>fw@xn--bcher-kva.de</c>. Only RFC 5321's dot-atom local parts are
/// taken (no quoted strings, no comments), and nothing invisible, no bidi control and no mix of look-alike scripts.
/// </summary>
public static class EmailAddress
{
    /// <summary>RFC 5321 limits a forward path to 254 characters.</summary>
    public const int MaxLength = 254;

    /// <summary>RFC 5321: a local part has at most 64 octets, a domain label 63.</summary>
    private const int MaxLocalPartBytes = 64;

    private const string AsciiSpecials = "!#$%&'*+-/=?^_`{|}~";

    private static readonly IdnMapping Idna = new() { UseStd3AsciiRules = true, AllowUnassigned = false };

    /// <summary>The canonical form of <paramref name="emailAddress"/>; it must be valid (<see cref="IsValid"/>).</summary>
    public static string Normalize(string emailAddress) =>
        TryCanonicalize(emailAddress, out var canonical)
            ? canonical
            : throw new ArgumentException("Not a valid email address.", nameof(emailAddress));

    public static bool IsValid(string? emailAddress) => TryCanonicalize(emailAddress, out _);

    public static bool TryCanonicalize(string? emailAddress, out string canonical)
    {
        canonical = "";
        if (string.IsNullOrWhiteSpace(emailAddress))
        {
            return false;
        }

        var candidate = emailAddress.Trim();

        // Compatibility forms can expand (one character to eighteen), so the length is bounded before normalising.
        if (candidate.Length > MaxLength || !IsVisibleText(candidate))
        {
            return false;
        }

        var text = candidate.Normalize(NormalizationForm.FormKC);
        var at = text.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0 || at != text.LastIndexOf('@') || at == text.Length - 1)
        {
            return false;
        }

        var localPart = text[..at].ToLowerInvariant().Normalize(NormalizationForm.FormKC);
        if (!IsDotAtom(localPart) || Encoding.UTF8.GetByteCount(localPart) > MaxLocalPartBytes || !UnicodeProperties.IsSingleScript(localPart)
            || !TryCanonicalizeDomain(text[(at + 1)..], out var domain))
        {
            return false;
        }

        canonical = $"{localPart}@{domain}";
        return canonical.Length <= MaxLength;
    }

    /// <summary>
    /// Whether two canonical addresses look alike (UTS #39 skeletons, the domain shown as Unicode), also when one adds
    /// a sub-address (<c>admin+x@…</c>), which most mail systems deliver to the same mailbox.
    /// </summary>
    public static bool LooksLike(string canonical, string other) =>
        Skeleton(canonical, withoutSubaddress: true) == Skeleton(other, withoutSubaddress: true)
        || Skeleton(canonical, withoutSubaddress: false) == Skeleton(other, withoutSubaddress: false);

    private static string Skeleton(string canonical, bool withoutSubaddress)
    {
        var at = canonical.LastIndexOf('@');
        var localPart = canonical[..at];
        var plus = localPart.IndexOf('+', StringComparison.Ordinal);
        if (withoutSubaddress && plus > 0)
        {
            localPart = localPart[..plus];
        }

        return Confusables.Skeleton($"{localPart}@{Idna.GetUnicode(canonical[(at + 1)..])}");
    }

    /// <summary>Well-formed (no lone surrogate, which has no normal form) and nothing invisible or controlling.</summary>
    private static bool IsVisibleText(string text)
    {
        for (var index = 0; index < text.Length;)
        {
            if (!Rune.TryGetRuneAt(text, index, out var rune) || UnicodeProperties.IsInvisibleOrControl(rune))
            {
                return false;
            }

            index += rune.Utf16SequenceLength;
        }

        return true;
    }

    /// <summary>
    /// RFC 5321's dot-atom (atoms of atext joined by single dots), with RFC 6531's non-ASCII letters, marks and digits.
    /// A quoted string, a comment or an escaped character is no dot-atom.
    /// </summary>
    private static bool IsDotAtom(string localPart) =>
        localPart.Split('.').All(atom => atom.Length > 0 && atom.EnumerateRunes().All(IsAtomCharacter));

    private static bool IsAtomCharacter(Rune rune) => rune.IsAscii
        ? Rune.IsLetterOrDigit(rune) || AsciiSpecials.Contains((char)rune.Value, StringComparison.Ordinal)
        : Rune.IsLetterOrDigit(rune) || Rune.GetUnicodeCategory(rune) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;

    /// <summary>A host name of two labels or more, as IDNA A-labels, lower case and without the root's trailing dot.</summary>
    private static bool TryCanonicalizeDomain(string domain, out string canonical)
    {
        canonical = "";
        if (domain.EndsWith('.'))
        {
            domain = domain[..^1];
        }

        if (domain.Length == 0 || domain.StartsWith('['))
        {
            return false;
        }

        try
        {
            canonical = Idna.GetAscii(domain).ToLowerInvariant();
        }
        catch (ArgumentException)
        {
            return false;
        }

        var labels = canonical.Split('.');
        return labels.Length >= 2
            && labels.All(label => label.Length is > 0 and <= 63)
            && labels.All(label => UnicodeProperties.IsSingleScript(Idna.GetUnicode(label)));
    }
}
