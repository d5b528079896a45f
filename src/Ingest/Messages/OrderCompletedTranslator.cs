using System.Diagnostics.CodeAnalysis;
using System.Text;
using UserManagement.Contracts.Users;

namespace UserManagement.Ingest.Messages;

/// <summary>
/// The anti-corruption layer for the orders service: both versions of "order completed" become one
/// <see cref="CompletedOrder"/> for the grain of the user they name, which counts an order id once.
/// </summary>
/// <remarks>
/// The order id is used exactly as the producer gives it, without a version prefix. Nothing in the events ties a v1
/// <c>orderNumber</c> to a v2 <c>orderId</c>, so an order published once in each version cannot be recognised as one
/// either way; what matters is that the redeliveries of one event (the same id every time) count once. Using the id as
/// given also means a producer that republishes an order under v2 with the id it had under v1 is not counted twice.
/// </remarks>
public static class OrderCompletedTranslator
{
    /// <summary>Carries the order id as <c>data.orderNumber</c>; being retired in favour of v2.</summary>
    public const string V1 = "orders.orderCompleted.v1";

    /// <summary>Carries the order id as <c>data.orderId</c>.</summary>
    public const string V2 = "orders.orderCompleted.v2";

    /// <summary>
    /// The longest order id or user field taken, in UTF-8 bytes: longer than any id the orders service issues or any
    /// email address (254 bytes), and bounded so that what reaches the grain, the logs and the traces is.
    /// </summary>
    public const int MaxFieldBytes = 256;

    public static bool Handles(string eventType) => eventType is V1 or V2;

    /// <summary>The user's grain key and the order, or the dead letter that says why the event makes none.</summary>
    public static bool TryTranslate(
        CloudEvent cloudEvent,
        out string userId,
        [NotNullWhen(true)] out CompletedOrder? order,
        [NotNullWhen(false)] out MessageOutcome? refusal)
    {
        (userId, order, refusal) = (string.Empty, null, null);
        var eventType = cloudEvent.EventType;
        var orderIdField = eventType == V1 ? "orderNumber" : "orderId";
        if (cloudEvent.Data is not { } data)
        {
            refusal = MessageOutcome.MalformedData(eventType, "data is missing or not an object");
        }
        else if (!TryField(data, orderIdField, out var orderId))
        {
            refusal = MessageOutcome.MalformedData(eventType, FieldProblem(orderIdField));
        }
        else if (!TryField(data, "userId", out var userIdOrEmailAddress))
        {
            refusal = MessageOutcome.MalformedData(eventType, FieldProblem("userId"));
        }
        else if (!UserKey.TryResolve(userIdOrEmailAddress, out userId))
        {
            refusal = MessageOutcome.InvalidUserId(eventType);
        }
        else
        {
            order = new CompletedOrder(orderId);
        }

        return order is not null;
    }

    private static bool TryField(IReadOnlyDictionary<string, string> data, string name, out string value) =>
        data.TryGetValue(name, out value!) && value.Length > 0 && Encoding.UTF8.GetByteCount(value) <= MaxFieldBytes;

    private static string FieldProblem(string name) =>
        $"data.{name} is missing, not a string of valid text, empty or longer than {MaxFieldBytes} bytes";
}
