using System.Diagnostics;
using System.Text.Json.Nodes;

namespace UserManagement.Testing.Builders;

/// <summary>
/// A queue message body with an <c>orders.orderCompleted</c> event: v2, a bare CloudEvent, a new order id and a trace
/// context unless told otherwise. The user must be given.
/// </summary>
public sealed class OrderCompletedEventBuilder
{
    /// <summary>Stands in the built JSON for the verbatim order id until it is replaced.</summary>
    private const string RawPlaceholder = "verbatim-json-goes-here";

    private string _eventType = "orders.orderCompleted.v2";
    private OrderEventEnvelope _envelope = OrderEventEnvelope.CloudEvent;
    private string? _userId;
    private string? _orderId = $"order-{Guid.NewGuid():N}";
    private string _traceParent = $"00-{ActivityTraceId.CreateRandom()}-{ActivitySpanId.CreateRandom()}-01";
    private bool _withData = true;
    private string? _orderIdJson;

    public string? OrderId => _orderId;

    public string TraceParent => _traceParent;

    public OrderCompletedEventBuilder ForUser(string userIdOrEmailAddress)
    {
        _userId = userIdOrEmailAddress;
        return this;
    }

    public OrderCompletedEventBuilder WithOrderId(string? orderId)
    {
        _orderId = orderId;
        return this;
    }

    /// <summary>The order id field as this JSON text, verbatim: a number, or a string with escapes no serializer writes.</summary>
    public OrderCompletedEventBuilder WithOrderIdAsJson(string json)
    {
        _orderIdJson = json;
        return this;
    }

    /// <summary>v1 names the order id <c>orderNumber</c>.</summary>
    public OrderCompletedEventBuilder AsVersion1() => WithEventType("orders.orderCompleted.v1");

    public OrderCompletedEventBuilder WithEventType(string eventType)
    {
        _eventType = eventType;
        return this;
    }

    public OrderCompletedEventBuilder In(OrderEventEnvelope envelope)
    {
        _envelope = envelope;
        return this;
    }

    public OrderCompletedEventBuilder WithTraceParent(string traceParent)
    {
        _traceParent = traceParent;
        return this;
    }

    public OrderCompletedEventBuilder WithoutData()
    {
        _withData = false;
        return this;
    }

    public string Build()
    {
        var cloudEvent = new JsonObject
        {
            ["specversion"] = "1.0",
            ["id"] = Guid.NewGuid().ToString(),
            ["source"] = "test.orders",
            ["type"] = _eventType,
            ["time"] = DateTimeOffset.UtcNow.ToString("O"),
            ["datacontenttype"] = "application/json",
            ["traceparent"] = _traceParent,
        };
        if (_withData)
        {
            var data = new JsonObject { ["userId"] = _userId };
            if (_orderId is not null)
            {
                data[_eventType.EndsWith(".v1", StringComparison.Ordinal) ? "orderNumber" : "orderId"] = _orderIdJson is null ? _orderId : RawPlaceholder;
            }

            cloudEvent["data"] = data;
        }

        var cloudEventText = Splice(cloudEvent, _orderIdJson);
        return _envelope switch
        {
            OrderEventEnvelope.EventBridge => Splice(new JsonObject
            {
                ["version"] = "0",
                ["id"] = Guid.NewGuid().ToString(),
                ["detail-type"] = _eventType,
                ["source"] = "test.orders",
                ["detail"] = RawPlaceholder,
            }, cloudEventText),
            OrderEventEnvelope.Sns => new JsonObject
            {
                ["Type"] = "Notification",
                ["MessageId"] = Guid.NewGuid().ToString(),
                ["Message"] = cloudEventText,
            }.ToJsonString(),
            _ => cloudEventText,
        };
    }

    /// <summary>The object's JSON with <paramref name="raw"/> in place of the placeholder, when there is one.</summary>
    private static string Splice(JsonObject json, string? raw) =>
        raw is null ? json.ToJsonString() : json.ToJsonString().Replace($"\"{RawPlaceholder}\"", raw, StringComparison.Ordinal);
}
