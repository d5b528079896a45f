using System.Reflection;

namespace UserManagement.Contracts;

/// <summary>Text files embedded in this assembly (the Unicode tables, the common-password list), read line by line.</summary>
internal static class EmbeddedText
{
    public static IEnumerable<string> Lines(string logicalName)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(logicalName)
            ?? throw new InvalidOperationException($"{logicalName} is not embedded.");
        using var reader = new StreamReader(stream);
        while (reader.ReadLine() is { } line)
        {
            yield return line;
        }
    }
}
