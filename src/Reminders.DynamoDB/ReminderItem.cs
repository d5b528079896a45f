using System.Globalization;
using Amazon.DynamoDBv2.Model;

namespace UserManagement.Reminders.DynamoDB;

/// <summary>
/// How one reminder is kept: one small item, keyed so that the reminder service's reads by hash range are queries.
/// </summary>
/// <remarks>
/// The partition key is the service id and one sixteenth of the hash ring (<c>user-management/3</c>); the sort key
/// starts with the grain's hash as eight hex digits (<c>3f0a91c2/user/0b6e…/outbox</c>). Hashes are uniform, so writes
/// spread evenly over the sixteen partitions and none of them is hot; a silo's range read queries only the partitions its
/// range overlaps, each with one key condition. An item holds one reminder and never grows.
/// </remarks>
internal static class ReminderItem
{
    public const string PartitionKey = "pk";
    public const string SortKey = "sk";
    public const string ETag = "etag";

    private const string GrainIdAttribute = "grainId";
    private const string NameAttribute = "reminderName";
    private const string StartAtAttribute = "startAt";
    private const string PeriodAttribute = "period";

    private const int ShardBits = 4;

    /// <summary>How many partitions each service's reminders are spread over.</summary>
    public const int Shards = 1 << ShardBits;

    public static int ShardOf(uint hash) => (int)(hash >> (32 - ShardBits));

    public static string Partition(string serviceId, int shard) => $"{serviceId}/{shard.ToString("x", CultureInfo.InvariantCulture)}";

    public static string HashText(uint hash) => hash.ToString("x8", CultureInfo.InvariantCulture);

    /// <summary>Sorts after every sort key of a grain of <paramref name="hash"/>: '~' comes after the '/' that follows the hash.</summary>
    public static string AfterHash(uint hash) => HashText(hash) + "~";

    /// <summary>The start of the sort keys of <paramref name="grainId"/>'s reminders.</summary>
    public static string GrainPrefix(GrainId grainId) => $"{HashText(grainId.GetUniformHashCode())}/{grainId}/";

    public static Dictionary<string, AttributeValue> Key(string serviceId, GrainId grainId, string reminderName) => new(StringComparer.Ordinal)
    {
        [PartitionKey] = new AttributeValue(Partition(serviceId, ShardOf(grainId.GetUniformHashCode()))),
        [SortKey] = new AttributeValue(GrainPrefix(grainId) + reminderName),
    };

    public static Dictionary<string, AttributeValue> Create(string serviceId, ReminderEntry entry, string etag)
    {
        var item = Key(serviceId, entry.GrainId, entry.ReminderName);
        item[GrainIdAttribute] = new AttributeValue(entry.GrainId.ToString());
        item[NameAttribute] = new AttributeValue(entry.ReminderName);
        item[StartAtAttribute] = new AttributeValue(entry.StartAt.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));
        item[PeriodAttribute] = new AttributeValue(entry.Period.ToString("c", CultureInfo.InvariantCulture));
        item[ETag] = new AttributeValue(etag);
        return item;
    }

    public static ReminderEntry ToEntry(Dictionary<string, AttributeValue> item) => new()
    {
        GrainId = GrainId.Parse(item[GrainIdAttribute].S, CultureInfo.InvariantCulture),
        ReminderName = item[NameAttribute].S,
        StartAt = DateTime.Parse(item[StartAtAttribute].S, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal),
        Period = TimeSpan.ParseExact(item[PeriodAttribute].S, "c", CultureInfo.InvariantCulture),
        ETag = item[ETag].S,
    };

    /// <summary>Whether the item is a reminder of <paramref name="grainId"/> (a prefix alone could match a longer id).</summary>
    public static bool BelongsTo(Dictionary<string, AttributeValue> item, GrainId grainId) =>
        item.TryGetValue(GrainIdAttribute, out var stored) && stored.S == grainId.ToString();
}
