using System.Globalization;
using System.Text.Json;
using UserManagement.Grains.Users;
using UserManagement.Ingest.Envelopes;
using UserManagement.Ingest.Processing;

namespace UserManagement.Ingest.Orders;

/// <summary>
/// The anti-corruption layer for the orders service: both versions of "order completed" become one
/// <see cref="CompletedOrder"/> for the user's grain, which counts an order id once.
/// </summary>
/// <remarks>
/// The order id is used exactly as the producer gives it, without a version prefix. Nothing in the events ties a v1
/// <c>orderNumber</c> to a v2 <c>orderId</c>, so an order published once in each version cannot be recognised as one
/// either way; what matters is that the redeliveries of one event (the same id every time) count once. Using the id as
/// given also means a producer that republishes an order under v2 with the id it had under v1 is not counted twice.
/// </remarks>
public static class OrderCompletedTranslator
{
    /// <summary>Order ids are stored in the user's state to recognise redeliveries, so an absurd one is refused.</summary>
    public const int MaxOrderIdLength = 200;

    public static bool Handles(string eventType) =>
        eventType is OrderCompletedEventTypes.V1 or OrderCompletedEventTypes.V2;

    public static OrderTranslation Translate(InboundEvent inboundEvent)
    {
        if (inboundEvent.Message.Data is not { ValueKind: JsonValueKind.Object } data)
        {
            return OrderTranslation.Untranslatable(DeadLetterReason.MissingData);
        }

        var orderIdProperty = inboundEvent.EventType == OrderCompletedEventTypes.V1 ? "orderNumber" : "orderId";
        if (!TryReadOrderId(data, orderIdProperty, out var orderId))
        {
            return OrderTranslation.Untranslatable(DeadLetterReason.InvalidOrderId);
        }

        var userIdOrEmailAddress = data.TryGetProperty("userId", out var user) && user.ValueKind == JsonValueKind.String
            ? user.GetString()
            : null;
        if (!UserKey.TryResolve(userIdOrEmailAddress, out var userId))
        {
            return OrderTranslation.Untranslatable(DeadLetterReason.InvalidUserId);
        }

        return OrderTranslation.Translated(new UserOrder(userId, new CompletedOrder(orderId)));
    }

    /// <summary>A non-blank string, or an integer some producers send unquoted, taken as its decimal text.</summary>
    private static bool TryReadOrderId(JsonElement data, string property, out string orderId)
    {
        orderId = string.Empty;
        if (!data.TryGetProperty(property, out var value))
        {
            return false;
        }

        var text = value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number when value.TryGetInt64(out var number) => number.ToString(CultureInfo.InvariantCulture),
            _ => null,
        };
        if (string.IsNullOrWhiteSpace(text) || text.Length > MaxOrderIdLength || text.Any(char.IsControl))
        {
            return false;
        }

        orderId = text;
        return true;
    }
}
