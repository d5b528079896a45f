namespace UserManagement.Ingest.Orders;

/// <summary>The versions of the orders service's "order completed" event this service understands.</summary>
public static class OrderCompletedEventTypes
{
    /// <summary>Carries the order id as <c>data.orderNumber</c>; being retired in favour of v2.</summary>
    public const string V1 = "orders.orderCompleted.v1";

    /// <summary>Carries the order id as <c>data.orderId</c>.</summary>
    public const string V2 = "orders.orderCompleted.v2";
}
