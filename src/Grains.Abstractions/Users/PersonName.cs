using System.Globalization;
using System.Text;
using UserManagement.Contracts.Unicode;

namespace UserManagement.Contracts.Users;

/// <summary>
/// A first or last name. Names are kept and returned as given (trimmed), HTML or not: the API answers JSON, and every
/// consumer that puts a name into a page, a mail or a file must encode it for that place.
/// </summary>
public static class PersonName
{
    public const int MaxLength = 100;

    /// <summary>
    /// At most <see cref="MaxLength"/> characters, something visible among them, no control character and no bidi
    /// control (which reorders how the text around a name is shown). Joiners stay allowed inside a name: several
    /// scripts need them.
    /// </summary>
    public static bool IsValid(string? name)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > MaxLength)
        {
            return false;
        }

        var visible = false;
        for (var index = 0; index < name.Length;)
        {
            if (!Rune.TryGetRuneAt(name, index, out var rune)
                || Rune.GetUnicodeCategory(rune) == UnicodeCategory.Control
                || UnicodeProperties.IsBidiControl(rune))
            {
                return false;
            }

            visible |= !UnicodeProperties.IsInvisibleOrControl(rune)
                && Rune.GetUnicodeCategory(rune) is not (UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark);
            index += rune.Utf16SequenceLength;
        }

        return visible;
    }
}
