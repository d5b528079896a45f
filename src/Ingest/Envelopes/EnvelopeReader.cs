using System.Text.Json;
using UserManagement.Ingest.Processing;

namespace UserManagement.Ingest.Envelopes;

/// <summary>
/// Unwraps a queue message body into its CloudEvent. A body is one of: an EventBridge event whose <c>detail</c> is the
/// CloudEvent, an SNS notification whose <c>Message</c> is the CloudEvent as a string, or the bare CloudEvent.
/// </summary>
public static class EnvelopeReader
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 32 };

    public static EnvelopeReading Read(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return EnvelopeReading.Unreadable(DeadLetterReason.MalformedBody);
        }

        try
        {
            using var document = JsonDocument.Parse(body, DocumentOptions);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return EnvelopeReading.Unreadable(DeadLetterReason.MalformedBody);
            }

            if (root.TryGetProperty("detail", out var detail))
            {
                return FromEventBridge(root, detail);
            }

            if (IsSnsNotification(root, out var message))
            {
                return FromCloudEventText(message, detailType: null);
            }

            return FromCloudEvent(root, detailType: null);
        }
        catch (JsonException)
        {
            return EnvelopeReading.Unreadable(DeadLetterReason.MalformedBody);
        }
    }

    private static EnvelopeReading FromEventBridge(JsonElement root, JsonElement detail)
    {
        var detailType = StringOrNull(root, "detail-type");
        return detail.ValueKind switch
        {
            JsonValueKind.Object => FromCloudEvent(detail, detailType),
            // A producer that serialised the CloudEvent itself puts it there as a string.
            JsonValueKind.String => FromCloudEventText(detail.GetString()!, detailType),
            _ => EnvelopeReading.Unreadable(DeadLetterReason.MalformedBody),
        };
    }

    private static bool IsSnsNotification(JsonElement root, out string message)
    {
        message = string.Empty;
        if (StringOrNull(root, "Type") != "Notification" || !root.TryGetProperty("Message", out var text)
            || text.ValueKind != JsonValueKind.String)
        {
            return false;
        }

        message = text.GetString()!;
        return true;
    }

    private static EnvelopeReading FromCloudEventText(string text, string? detailType)
    {
        using var document = JsonDocument.Parse(text, DocumentOptions);
        return document.RootElement.ValueKind == JsonValueKind.Object
            ? FromCloudEvent(document.RootElement, detailType)
            : EnvelopeReading.Unreadable(DeadLetterReason.MalformedBody);
    }

    private static EnvelopeReading FromCloudEvent(JsonElement cloudEvent, string? detailType)
    {
        var message = new TracedMessage(
            SpecVersion: StringOrNull(cloudEvent, "specversion"),
            Id: StringOrNull(cloudEvent, "id"),
            Source: StringOrNull(cloudEvent, "source"),
            Type: StringOrNull(cloudEvent, "type"),
            Time: StringOrNull(cloudEvent, "time"),
            DataContentType: StringOrNull(cloudEvent, "datacontenttype"),
            TraceParent: StringOrNull(cloudEvent, "traceparent"),
            // Cloned because the document it lives in is disposed when reading ends.
            Data: cloudEvent.TryGetProperty("data", out var data) && data.ValueKind is not JsonValueKind.Null ? data.Clone() : null);

        var eventType = string.IsNullOrWhiteSpace(detailType) ? message.Type : detailType;
        return string.IsNullOrWhiteSpace(eventType)
            ? EnvelopeReading.Unreadable(DeadLetterReason.MissingEventType)
            : EnvelopeReading.Read(new InboundEvent(eventType, message));
    }

    /// <summary>The property when it is a string; a number or object where text belongs is treated as absent.</summary>
    private static string? StringOrNull(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
