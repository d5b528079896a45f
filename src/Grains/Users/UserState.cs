using System.Text.Json.Serialization;
using UserManagement.Grains.Outbox;
using UserManagement.Contracts.Users;

namespace UserManagement.Grains.Users;

/// <summary>What is stored for one user. Plain properties, so the storage provider can keep it as readable attributes.</summary>
[GenerateSerializer]
public sealed class UserState
{
    [Id(0)]
    public string? EmailAddress { get; set; }

    [Id(1)]
    public string? FirstName { get; set; }

    [Id(2)]
    public string? LastName { get; set; }

    [Id(3)]
    public string? PasswordHash { get; set; }

    [Id(4)]
    [JsonConverter(typeof(JsonStringEnumConverter<UserTier>))]
    public UserTier Tier { get; set; }

    [Id(5)]
    public int OrderCount { get; set; }

    [Id(6)]
    public DateTimeOffset? RegisteredAt { get; set; }

    /// <summary>
    /// The order ids of users stored before <see cref="RecentOrders"/>: the last 1,000 counted, as given. Still read,
    /// so those orders stay recognised; moved into <see cref="RecentOrders"/> with the user's next order, and no longer
    /// written once empty.
    /// </summary>
    [Id(7)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<string>? CountedOrderIds { get; set; }

    /// <summary>Events recorded with a change of this user and not yet accepted by EventBridge, or parked (see <see cref="EventOutbox"/>).</summary>
    [Id(10)]
    public List<OutboxEvent> Outbox { get; set; } = [];

    /// <summary>
    /// The orders counted within the retention window (<see cref="OrderCountingOptions"/>), packed as
    /// <see cref="Users.RecentOrders"/> describes; stored as one base64 string.
    /// </summary>
    [Id(11)]
    public byte[] RecentOrders { get; set; } = [];

    /// <summary>Failed log-ins by client address and for the account, and the addresses the owner logged in from.</summary>
    /// <remarks>Ids 8 and 9 held a single count of failures before they were counted per address.</remarks>
    [Id(12)]
    public RecentLogins Logins { get; set; } = new();

    [JsonIgnore]
    public bool IsRegistered => PasswordHash is not null;
}
