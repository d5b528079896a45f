using System.Buffers;
using System.Text.Json;
using UserManagement.Grains.Outbox;

namespace UserManagement.Events.EventBridge;

/// <summary>The JSON of the <c>PutEvents</c> call in the AWS JSON 1.1 protocol.</summary>
internal static class PutEventsJson
{
    public static byte[] Request(string eventBusName, IEnumerable<OutgoingEvent> entries)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartArray("Entries");
            foreach (var entry in entries)
            {
                json.WriteStartObject();
                json.WriteString("Source", entry.Source);
                json.WriteString("DetailType", entry.DetailType);
                json.WriteString("Detail", entry.Detail);
                json.WriteString("EventBusName", eventBusName);
                // The AWS JSON protocols carry timestamps as seconds since the epoch.
                json.WriteNumber("Time", entry.Time.ToUnixTimeMilliseconds() / 1000m);

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The result of each entry of a successful answer, in the order of the request.</summary>
    /// <exception cref="JsonException">The answer is not a <c>PutEvents</c> result for <paramref name="entryCount"/> entries.</exception>
    public static IReadOnlyList<EntryResult> Results(ReadOnlySpan<byte> body, int entryCount)
    {
        using var document = JsonDocument.Parse(body.ToArray());
        if (!document.RootElement.TryGetProperty("Entries", out var entries)
            || entries.ValueKind != JsonValueKind.Array
            || entries.GetArrayLength() != entryCount)
        {
            throw new JsonException($"The answer does not hold a result for each of the {entryCount} entries.");
        }

        return [.. entries.EnumerateArray().Select(entry => new EntryResult(
            StringOrNull(entry, "ErrorCode"),
            StringOrNull(entry, "ErrorMessage")))];
    }

    /// <summary>The AWS error code and message of a failed answer, as far as its body or headers tell.</summary>
    public static (string? Code, string? Message) Error(ReadOnlySpan<byte> body, string? errorTypeHeader)
    {
        string? code = null;
        string? message = null;
        try
        {
            using var document = JsonDocument.Parse(body.ToArray());
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                code = StringOrNull(document.RootElement, "__type");
                message = StringOrNull(document.RootElement, "message") ?? StringOrNull(document.RootElement, "Message");
            }
        }
        catch (JsonException)
        {
            // Load balancers and proxies answer errors with HTML or nothing; the status code then says enough.
        }

        code ??= errorTypeHeader?.Split(':')[0];
        // "__type" may be qualified with the service's namespace: "com.amazonaws.events#ThrottlingException".
        return (code?[(code.LastIndexOf('#') + 1)..], message);
    }

    private static string? StringOrNull(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public readonly record struct EntryResult(string? ErrorCode, string? ErrorMessage)
    {
        public bool Accepted => string.IsNullOrEmpty(ErrorCode);
    }
}
