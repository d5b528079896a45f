using System.Text;
using System.Text.Json;

namespace UserManagement.Testing;

/// <summary>A request as <see cref="EventBridgeEmulator"/> received it.</summary>
public sealed record RecordedRequest(
    string Method,
    string Path,
    string Query,
    IReadOnlyDictionary<string, string> Headers,
    byte[] Body)
{
    public string Header(string name) => Headers.TryGetValue(name, out var value) ? value : "";

    /// <summary>The <c>Entries</c> of the <c>PutEvents</c> body.</summary>
    public IReadOnlyList<JsonElement> Entries()
    {
        using var document = JsonDocument.Parse(Body);
        return [.. document.RootElement.GetProperty("Entries").EnumerateArray().Select(entry => entry.Clone())];
    }

    public string BodyText => Encoding.UTF8.GetString(Body);

    internal static RecordedRequest FromStandIn(JsonElement recorded) => new(
        recorded.GetProperty("method").GetString()!,
        recorded.GetProperty("path").GetString()!,
        recorded.GetProperty("query").GetString()!,
        recorded.GetProperty("headers").EnumerateObject()
            .ToDictionary(header => header.Name, header => header.Value.ToString(), StringComparer.OrdinalIgnoreCase),
        Convert.FromBase64String(recorded.GetProperty("body").GetString()!));
}
