using System.Text.Json;

namespace UserManagement.Persistence.DynamoDB;

/// <summary>
/// What DynamoDB refuses in an item and the SDK's document model passes on unchecked: nesting beyond 32 levels, an
/// empty map key, a number beyond 38 digits or DynamoDB's range.
/// </summary>
internal static class DynamoDBLimits
{
    /// <summary>DynamoDB nests lists and maps at most 32 levels deep.</summary>
    public const int MaxNestingDepth = 32;

    /// <summary>Whether DynamoDB can hold a JSON value as typed attributes.</summary>
    public static bool CanHold(JsonElement json) => CanHold(json, depth: 0);

    private static bool CanHold(JsonElement json, int depth) => json.ValueKind switch
    {
        JsonValueKind.Object => depth < MaxNestingDepth
            && json.EnumerateObject().All(property => property.Name.Length > 0 && CanHold(property.Value, depth + 1)),
        JsonValueKind.Array => depth < MaxNestingDepth && json.EnumerateArray().All(element => CanHold(element, depth + 1)),
        JsonValueKind.Number => DynamoDBNumber.IsStorable(json.GetRawText()),
        _ => true,
    };
}
