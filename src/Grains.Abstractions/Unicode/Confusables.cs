using System.Collections.Frozen;
using System.Text;

namespace UserManagement.Contracts.Unicode;

/// <summary>UTS #39 skeletons: two strings that look alike have the same skeleton (<c>аdmin</c> with a Cyrillic а, <c>admin</c>).</summary>
public static class Confusables
{
    private static readonly FrozenDictionary<int, string> Prototypes = Load();

    /// <summary>UTS #39 section 4: decompose, replace each character by its prototype, decompose again.</summary>
    public static string Skeleton(string text)
    {
        var skeleton = new StringBuilder(text.Length);
        foreach (var rune in text.Normalize(NormalizationForm.FormD).EnumerateRunes())
        {
            if (Prototypes.TryGetValue(rune.Value, out var prototype))
            {
                skeleton.Append(prototype);
            }
            else
            {
                skeleton.Append(rune.ToString());
            }
        }

        return skeleton.ToString().Normalize(NormalizationForm.FormD);
    }

    private static FrozenDictionary<int, string> Load()
    {
        var prototypes = new Dictionary<int, string>();
        foreach (var line in RangeTable.Lines("confusables.txt"))
        {
            var semicolon = line.IndexOf(';', StringComparison.Ordinal);
            var prototype = string.Concat(line[(semicolon + 1)..].Split(' ').Select(hex => char.ConvertFromUtf32(RangeTable.Hex(hex))));
            prototypes[RangeTable.Hex(line[..semicolon])] = prototype;
        }

        return prototypes.ToFrozenDictionary();
    }
}
