using System.Globalization;
using Amazon.DynamoDBv2.Model;

namespace UserManagement.Persistence.DynamoDB;

/// <summary>
/// The layout of the one DynamoDB item that holds one grain state, as an operator sees it in the console.
/// </summary>
internal static class GrainStateItem
{
    /// <summary>The String partition key, <c>{serviceId}/{stateName}/{grainId}</c>; the table has no sort key.</summary>
    public const string Key = "pk";

    /// <summary>A Number that grows by one with every write, clears included: the state's ETag, which every write is conditional on.</summary>
    public const string Version = "version";

    /// <summary>
    /// A new id for every write (kept across the SDK's retries of it): a write whose condition failed finds its own id
    /// stored when DynamoDB applied it and only the answer was lost.
    /// </summary>
    public const string WriteId = "writeId";

    /// <summary>The grain type, e.g. <c>user</c>, to tell items apart without parsing the key.</summary>
    public const string GrainType = "grainType";

    /// <summary>The state name given in <c>[PersistentState(stateName, storageName)]</c>.</summary>
    public const string StateName = "stateName";

    /// <summary>When the item was last written, ISO-8601 in UTC.</summary>
    public const string UpdatedAt = "updatedAt";

    /// <summary>The state as DynamoDB types: a map for an object, with its properties as attributes.</summary>
    public const string State = "state";

    /// <summary>
    /// The state as a JSON string, used only for a state DynamoDB cannot hold as typed attributes (nesting beyond
    /// 32 levels, numbers beyond 38 digits, empty map keys); an item has either this or <see cref="State"/>, or, cleared,
    /// neither.
    /// </summary>
    public const string StateJson = "stateJson";

    public static string KeyFor(string serviceId, string stateName, GrainId grainId) =>
        $"{serviceId}/{stateName}/{grainId}";

    public static Dictionary<string, AttributeValue> KeyAttributes(string key) =>
        new(StringComparer.Ordinal) { [Key] = new AttributeValue { S = key } };

    /// <summary>
    /// An item without its version and write id, which <see cref="Stamp"/> sets for each try; without a state it is
    /// the tombstone a clear leaves.
    /// </summary>
    public static Dictionary<string, AttributeValue> Create(
        string key,
        GrainId grainId,
        string stateName,
        DateTimeOffset updatedAt,
        KeyValuePair<string, AttributeValue>? state)
    {
        var item = new Dictionary<string, AttributeValue>(StringComparer.Ordinal)
        {
            [Key] = new AttributeValue { S = key },
            [GrainType] = new AttributeValue { S = grainId.Type.ToString() },
            [StateName] = new AttributeValue { S = stateName },
            [UpdatedAt] = new AttributeValue { S = updatedAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture) },
        };
        if (state is { } held)
        {
            item[held.Key] = held.Value;
        }

        return item;
    }

    /// <summary>Whether an item holds a state, rather than being a tombstone.</summary>
    public static bool HoldsState(Dictionary<string, AttributeValue> item) =>
        item.ContainsKey(State) || item.ContainsKey(StateJson);

    public static void Stamp(Dictionary<string, AttributeValue> item, StoredWrite write)
    {
        item[Version] = VersionValue(write.Version);
        item[WriteId] = new AttributeValue { S = write.WriteId };
    }

    /// <summary>The version of a stored item; <see langword="null"/> when it has no readable one.</summary>
    public static long? VersionOf(Dictionary<string, AttributeValue> item) =>
        item.TryGetValue(Version, out var stored) && stored.N is not null && TryParseVersion(stored.N, out var version)
            ? version
            : null;

    /// <summary>The write id of a stored item; <see langword="null"/> for one written before write ids were kept.</summary>
    public static string? WriteIdOf(Dictionary<string, AttributeValue> item) =>
        item.TryGetValue(WriteId, out var writeId) ? writeId.S : null;

    public static AttributeValue VersionValue(long version) =>
        new() { N = version.ToString(CultureInfo.InvariantCulture) };

    /// <summary>The ETag Orleans keeps for a version.</summary>
    public static string ETagOf(long version) => version.ToString(CultureInfo.InvariantCulture);

    /// <summary>The version an ETag stands for; <see langword="false"/> for an ETag this storage did not hand out.</summary>
    public static bool TryParseVersion(string etag, out long version) =>
        long.TryParse(etag, NumberStyles.None, CultureInfo.InvariantCulture, out version) && version > 0;
}
