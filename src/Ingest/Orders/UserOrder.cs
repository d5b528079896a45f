using UserManagement.Grains.Users;

namespace UserManagement.Ingest.Orders;

/// <summary>The internal command an order event becomes: which user's grain records which completed order.</summary>
public sealed record UserOrder(string UserId, CompletedOrder Order);
