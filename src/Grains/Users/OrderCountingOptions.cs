using System.ComponentModel.DataAnnotations;
using UserManagement.Contracts.Users;

namespace UserManagement.Grains.Users;

/// <summary>
/// Section <c>OrderCounting</c>: how long a user remembers the orders it counted, so that a redelivery is recognised.
/// </summary>
public sealed class OrderCountingOptions
{
    public const string SectionName = "OrderCounting";

    /// <summary>
    /// How long a counted order is remembered: at least as long as a message can live in the order queue and its
    /// dead-letter queue (14 days, SQS's longest retention), so no redelivery or redrive can outlive it.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "3650.00:00:00")]
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(14);

    /// <summary>
    /// The most orders one user remembers, whatever their age; the oldest give way. At 16 bytes an order the default
    /// keeps the remembered orders under 80 KB of the user's item (DynamoDB allows 400 KB), and a user would have to
    /// complete an order every four minutes for two weeks to reach it. The maximum keeps them under 160 KB.
    /// </summary>
    [Range(1, 10_000)]
    public int MaxRememberedOrders { get; set; } = 5_000;
}
