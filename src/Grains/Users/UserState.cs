using System.Text.Json.Serialization;
using UserManagement.Grains.Outbox;
using UserManagement.Contracts.Users;

namespace UserManagement.Grains.Users;

/// <summary>What is stored for one user. Plain properties, so the storage provider can keep it as readable attributes.</summary>
[GenerateSerializer]
public sealed class UserState
{
    /// <summary>A customer becomes PREMIUM once the order count exceeds this.</summary>
    public const int PremiumAfterOrders = 10;

    [Id(0)]
    public string? EmailAddress { get; set; }

    [Id(1)]
    public string? FirstName { get; set; }

    [Id(2)]
    public string? LastName { get; set; }

    [Id(3)]
    public string? PasswordHash { get; set; }

    /// <summary>Made so at creation; every other user is a customer, whose tier follows from the order count.</summary>
    [Id(13)]
    public bool IsAdministrator { get; set; }

    /// <summary>
    /// Follows from the role and the order count. Still written, so the stored item reads as the user's tier; on
    /// reading, only <see cref="UserTier.Admin"/> counts: items stored before the role was kept say so this way.
    /// </summary>
    [JsonInclude]
    [JsonConverter(typeof(JsonStringEnumConverter<UserTier>))]
    public UserTier Tier
    {
        get => IsAdministrator ? UserTier.Admin
            : OrderCount > PremiumAfterOrders ? UserTier.Premium
            : UserTier.Standard;
        private set => IsAdministrator |= value == UserTier.Admin;
    }

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
