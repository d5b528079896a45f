using System.Globalization;
using System.Text;

namespace UserManagement.Contracts.Unicode;

/// <summary>Unicode properties .NET does not expose, from the tables shipped with this assembly (see README.md).</summary>
public static class UnicodeProperties
{
    private static readonly RangeTable Scripts = RangeTable.Load("scripts.txt");
    private static readonly RangeTable DefaultIgnorable = RangeTable.Load("default-ignorable.txt");
    private static readonly RangeTable BidiControls = RangeTable.Load("bidi-control.txt");

    /// <summary>
    /// The script of <paramref name="rune"/> (<c>Latin</c>, <c>Cyrillic</c>, …), or <see langword="null"/> for the
    /// characters every script shares (digits, punctuation, combining marks) and unassigned ones.
    /// </summary>
    public static string? ScriptOf(Rune rune) => Scripts.ValueOf(rune.Value);

    /// <summary>Characters that render as nothing when not supported: joiners, variation selectors, fillers, tags.</summary>
    public static bool IsDefaultIgnorable(Rune rune) => DefaultIgnorable.Contains(rune.Value);

    /// <summary>Marks, embeddings, overrides and isolates that change the display order of the text around them.</summary>
    public static bool IsBidiControl(Rune rune) => BidiControls.Contains(rune.Value);

    /// <summary>
    /// Whether <paramref name="rune"/> shows nothing on its own or steers how other text shows: a control, a format
    /// character, a default-ignorable or bidi control, white space, a surrogate or private-use or unassigned code point.
    /// </summary>
    public static bool IsInvisibleOrControl(Rune rune) =>
        Rune.GetUnicodeCategory(rune) is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate
            or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned or UnicodeCategory.SpaceSeparator
            or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
        || Rune.IsWhiteSpace(rune)
        || IsDefaultIgnorable(rune)
        || IsBidiControl(rune);

    /// <summary>
    /// Whether <paramref name="text"/> keeps to one script, or to a mix one writing system uses (UTS #39's highly
    /// restrictive level: Latin with Han and the Japanese kana, with Han and Bopomofo, or with Han and Hangul).
    /// </summary>
    public static bool IsSingleScript(string text)
    {
        var scripts = new HashSet<string>(StringComparer.Ordinal);
        foreach (var rune in text.EnumerateRunes())
        {
            if (ScriptOf(rune) is { } script)
            {
                scripts.Add(script);
            }
        }

        return scripts.Count <= 1 || WritingSystems.Any(allowed => scripts.IsSubsetOf(allowed));
    }

    private static readonly string[][] WritingSystems =
    [
        ["Latin", "Han", "Hiragana", "Katakana"],
        ["Latin", "Han", "Bopomofo"],
        ["Latin", "Han", "Hangul"],
    ];
}
