using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace UserManagement.Ingest.Messages;

/// <summary>
/// Reads a queue message body into its <see cref="CloudEvent"/>. Total: whatever the bytes, it answers with the event or
/// with what is wrong, and never throws.
/// </summary>
/// <remarks>
/// <para>
/// A body is one of: an EventBridge event whose <c>detail</c> is the CloudEvent as an object or as a string of JSON, an
/// SNS notification (<c>"Type": "Notification"</c>) whose <c>Message</c> is the CloudEvent as a string, or the bare
/// CloudEvent. Its <c>specversion</c>, <c>id</c>, <c>source</c> and <c>type</c> must be strings; nothing else of the
/// CloudEvent is required (the translator decides what <c>data</c> must hold).
/// </para>
/// <para>
/// Strict where leniency would guess: duplicate keys (which value would the producer have meant?), a byte-order mark
/// (JSON on the wire has none, RFC 8259), and text that is not valid UTF-16, such as an escaped lone surrogate, make a
/// body malformed. <see cref="JsonDocument"/> accepts such an escape and only <see cref="JsonElement.GetString"/> throws
/// on it, so every string is read through <see cref="Text"/>.
/// </para>
/// </remarks>
public static class CloudEventParser
{
    private static readonly JsonDocumentOptions Strict = new() { AllowDuplicateProperties = false };

    public static bool TryParse(string? body, [NotNullWhen(true)] out CloudEvent? cloudEvent, [NotNullWhen(false)] out string? problem)
    {
        try
        {
            cloudEvent = Read(body, out problem);
        }
        catch (JsonException)
        {
            (cloudEvent, problem) = (null, "not JSON, or JSON with duplicate keys or nested too deep");
        }
        catch (Exception exception) when (exception is InvalidOperationException or ArgumentException)
        {
            // Names with escaped lone surrogates fail while the document is checked for duplicate keys.
            (cloudEvent, problem) = (null, "JSON holding text that is not valid UTF-16");
        }

        return cloudEvent is not null;
    }

    private static CloudEvent? Read(string? body, out string? problem)
    {
        if (string.IsNullOrEmpty(body))
        {
            problem = "an empty body";
            return null;
        }

        using var document = JsonDocument.Parse(body, Strict);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            problem = "not a JSON object";
            return null;
        }

        if (root.TryGetProperty("detail", out var detail))
        {
            return FromEventBridge(root, detail, out problem);
        }

        if (root.TryGetProperty("Type", out var snsType) && snsType.ValueEquals("Notification"))
        {
            return root.TryGetProperty("Message", out var message) && Text(message) is { } text
                ? FromJsonText(text, detailType: null, "the SNS Message", out problem)
                : Refuse("an SNS notification whose Message is not a string", out problem);
        }

        return FromCloudEvent(root, detailType: null, out problem);
    }

    private static CloudEvent? FromEventBridge(JsonElement root, JsonElement detail, out string? problem)
    {
        string? detailType = null;
        if (root.TryGetProperty("detail-type", out var detailTypeElement) && (detailType = Text(detailTypeElement)) is null)
        {
            return Refuse("an EventBridge detail-type that is not a string", out problem);
        }

        return detail.ValueKind switch
        {
            JsonValueKind.Object => FromCloudEvent(detail, detailType, out problem),
            // A producer that serialised the CloudEvent itself puts it there as a string.
            JsonValueKind.String when Text(detail) is { } text => FromJsonText(text, detailType, "the EventBridge detail", out problem),
            _ => Refuse("an EventBridge detail that is neither an object nor a string of valid text", out problem),
        };
    }

    private static CloudEvent? FromJsonText(string text, string? detailType, string what, out string? problem)
    {
        using var document = JsonDocument.Parse(text, Strict);
        return document.RootElement.ValueKind == JsonValueKind.Object
            ? FromCloudEvent(document.RootElement, detailType, out problem)
            : Refuse($"{what} is not a JSON object", out problem);
    }

    private static CloudEvent? FromCloudEvent(JsonElement cloudEvent, string? detailType, out string? problem)
    {
        var specVersion = Text(cloudEvent, "specversion");
        var id = Text(cloudEvent, "id");
        var source = Text(cloudEvent, "source");
        var type = Text(cloudEvent, "type");
        if (specVersion is null || id is null || source is null || type is null)
        {
            return Refuse("a CloudEvent whose specversion, id, source or type is missing or not a string of valid text", out problem);
        }

        problem = null;
        var data = cloudEvent.TryGetProperty("data", out var dataElement) && dataElement.ValueKind == JsonValueKind.Object
            ? StringMembers(dataElement)
            : null;
        return new CloudEvent(
            string.IsNullOrEmpty(detailType) ? type : detailType,
            specVersion,
            id,
            source,
            type,
            Text(cloudEvent, "traceparent"),
            data);
    }

    private static Dictionary<string, string> StringMembers(JsonElement data)
    {
        var members = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var member in data.EnumerateObject())
        {
            if (Text(member.Value) is { } text)
            {
                members[member.Name] = text;
            }
        }

        return members;
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) ? Text(value) : null;

    /// <summary>The string, or <see langword="null"/> when the value is no string or no valid text.</summary>
    private static string? Text(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        try
        {
            return value.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static CloudEvent? Refuse(string what, out string? problem)
    {
        problem = what;
        return null;
    }
}
