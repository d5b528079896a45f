using System.Diagnostics;
using System.Text.Json.Nodes;

namespace UserManagement.Tests.Builders;

/// <summary>
/// A queue message body with an <c>orders.orderCompleted</c> event: v2, a bare CloudEvent, a new order id and a trace
/// context unless told otherwise. The user must be given.
/// </summary>
public sealed class OrderCompletedEventBuilder
{
    private string _eventType = "orders.orderCompleted.v2";
    private OrderEventEnvelope _envelope = OrderEventEnvelope.CloudEvent;
    private string? _userId;
    private string? _orderId = $"order-{Guid.NewGuid():N}";
    private string _traceParent = $"00-{ActivityTraceId.CreateRandom()}-{ActivitySpanId.CreateRandom()}-01";
    private bool _withData = true;

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
                data[_eventType.EndsWith(".v1", StringComparison.Ordinal) ? "orderNumber" : "orderId"] = _orderId;
            }

            cloudEvent["data"] = data;
        }

        return _envelope switch
        {
            OrderEventEnvelope.EventBridge => new JsonObject
            {
                ["version"] = "0",
                ["id"] = Guid.NewGuid().ToString(),
                ["detail-type"] = _eventType,
                ["source"] = "test.orders",
                ["detail"] = cloudEvent,
            }.ToJsonString(),
            OrderEventEnvelope.Sns => new JsonObject
            {
                ["Type"] = "Notification",
                ["MessageId"] = Guid.NewGuid().ToString(),
                ["Message"] = cloudEvent.ToJsonString(),
            }.ToJsonString(),
            _ => cloudEvent.ToJsonString(),
        };
    }
}
