using System.Text.Json;
using Amazon.DynamoDBv2.Model;

namespace UserManagement.Persistence.DynamoDB;

/// <summary>
/// Translates JSON into DynamoDB's own types and back, so a stored state reads in the console as attributes (objects as
/// maps, arrays as lists, numbers as numbers) instead of an opaque blob.
/// </summary>
/// <remarks>
/// Arrays become lists, never sets: sets refuse duplicates and emptiness, lists keep both, and order. Numbers keep the
/// JSON text, so nothing passes through a binary float on the way.
/// </remarks>
internal static class JsonAttributeValues
{
    /// <summary>DynamoDB nests lists and maps at most 32 levels deep.</summary>
    public const int MaxNestingDepth = 32;

    /// <summary>
    /// The attribute value of a JSON value, or <see langword="false"/> when DynamoDB could not hold it as typed attributes:
    /// nesting beyond 32 levels, a number outside DynamoDB's range or precision, or an empty map key.
    /// </summary>
    public static bool TryConvert(JsonElement json, out AttributeValue value) => TryConvert(json, depth: 0, out value);

    private static bool TryConvert(JsonElement json, int depth, out AttributeValue value)
    {
        switch (json.ValueKind)
        {
            case JsonValueKind.Object:
                return TryConvertObject(json, depth + 1, out value);
            case JsonValueKind.Array:
                return TryConvertArray(json, depth + 1, out value);
            case JsonValueKind.String:
                value = new AttributeValue { S = json.GetString() };
                return true;
            case JsonValueKind.Number:
                var number = json.GetRawText();
                value = new AttributeValue { N = number };
                return DynamoDBNumber.IsStorable(number);
            case JsonValueKind.True:
            case JsonValueKind.False:
                value = new AttributeValue { BOOL = json.GetBoolean() };
                return true;
            default:
                value = new AttributeValue { NULL = true };
                return true;
        }
    }

    private static bool TryConvertObject(JsonElement json, int depth, out AttributeValue value)
    {
        value = new AttributeValue { M = [] };
        if (depth > MaxNestingDepth)
        {
            return false;
        }

        foreach (var property in json.EnumerateObject())
        {
            if (property.Name.Length == 0 || !TryConvert(property.Value, depth, out var member))
            {
                return false;
            }

            value.M[property.Name] = member;
        }

        return true;
    }

    private static bool TryConvertArray(JsonElement json, int depth, out AttributeValue value)
    {
        value = new AttributeValue { L = new List<AttributeValue>(json.GetArrayLength()) };
        if (depth > MaxNestingDepth)
        {
            return false;
        }

        foreach (var element in json.EnumerateArray())
        {
            if (!TryConvert(element, depth, out var member))
            {
                return false;
            }

            value.L.Add(member);
        }

        return true;
    }

    /// <summary>Writes an attribute value as JSON; sets and binaries, which this storage never writes, read as arrays and base64.</summary>
    public static void Write(Utf8JsonWriter writer, AttributeValue value)
    {
        if (value.S is not null)
        {
            writer.WriteStringValue(value.S);
        }
        else if (value.N is not null)
        {
            writer.WriteRawValue(value.N);
        }
        else if (value.BOOL is { } boolean)
        {
            writer.WriteBooleanValue(boolean);
        }
        else if (value.M is not null)
        {
            writer.WriteStartObject();
            foreach (var (name, member) in value.M)
            {
                writer.WritePropertyName(name);
                Write(writer, member);
            }

            writer.WriteEndObject();
        }
        else if (value.L is not null)
        {
            writer.WriteStartArray();
            foreach (var member in value.L)
            {
                Write(writer, member);
            }

            writer.WriteEndArray();
        }
        else if (value.SS is not null)
        {
            writer.WriteStartArray();
            value.SS.ForEach(writer.WriteStringValue);
            writer.WriteEndArray();
        }
        else if (value.NS is not null)
        {
            writer.WriteStartArray();
            value.NS.ForEach(n => writer.WriteRawValue(n));
            writer.WriteEndArray();
        }
        else if (value.B is not null)
        {
            writer.WriteBase64StringValue(value.B.ToArray());
        }
        else if (value.BS is not null)
        {
            writer.WriteStartArray();
            value.BS.ForEach(b => writer.WriteBase64StringValue(b.ToArray()));
            writer.WriteEndArray();
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}
