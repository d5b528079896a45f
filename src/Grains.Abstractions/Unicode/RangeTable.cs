using System.Globalization;

namespace UserManagement.Contracts.Unicode;

/// <summary>
/// A Unicode property as sorted ranges of code points, each with a value, read from a table of lines
/// <c>first..last;value</c> (hex code points; the value may be absent for a yes/no property).
/// </summary>
internal sealed class RangeTable
{
    private readonly int[] _firsts;
    private readonly int[] _lasts;
    private readonly string[] _values;

    private RangeTable(List<(int First, int Last, string Value)> ranges)
    {
        ranges.Sort((a, b) => a.First.CompareTo(b.First));
        _firsts = [.. ranges.Select(r => r.First)];
        _lasts = [.. ranges.Select(r => r.Last)];
        _values = [.. ranges.Select(r => string.Intern(r.Value))];
    }

    public static RangeTable Load(string table)
    {
        var ranges = new List<(int, int, string)>();
        foreach (var line in Lines(table))
        {
            var (codePoints, value) = line.IndexOf(';', StringComparison.Ordinal) is var semicolon and >= 0
                ? (line[..semicolon], line[(semicolon + 1)..])
                : (line, "");
            var bounds = codePoints.Split("..");
            ranges.Add((Hex(bounds[0]), Hex(bounds[^1]), value));
        }

        return new RangeTable(ranges);
    }

    /// <summary>The value of the range holding <paramref name="codePoint"/>, or <see langword="null"/> when none does.</summary>
    public string? ValueOf(int codePoint)
    {
        var index = Array.BinarySearch(_firsts, codePoint);
        if (index < 0)
        {
            index = ~index - 1;
        }

        return index >= 0 && codePoint <= _lasts[index] ? _values[index] : null;
    }

    public bool Contains(int codePoint) => ValueOf(codePoint) is not null;

    internal static int Hex(string text) => int.Parse(text, NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    /// <summary>The lines of a table embedded under <c>UserManagement.Unicode.</c> and its file name, without comments.</summary>
    internal static IEnumerable<string> Lines(string table) =>
        EmbeddedText.Lines($"UserManagement.Unicode.{table}").Where(line => line.Length > 0 && line[0] != '#');
}
