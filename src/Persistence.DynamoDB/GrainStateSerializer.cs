using System.Buffers;
using System.Text.Json;
using Amazon.DynamoDBv2.Model;

namespace UserManagement.Persistence.DynamoDB;

/// <summary>Turns a grain state into the attribute that holds it in the item, and back, through System.Text.Json.</summary>
internal sealed class GrainStateSerializer(JsonSerializerOptions jsonOptions)
{
    /// <summary>
    /// The state attribute: <see cref="GrainStateItem.State"/> with DynamoDB types where possible, otherwise
    /// <see cref="GrainStateItem.StateJson"/> holding the JSON text.
    /// </summary>
    public KeyValuePair<string, AttributeValue> ToAttribute<T>(T state, out bool storedAsJsonText)
    {
        using var document = JsonSerializer.SerializeToDocument(state, jsonOptions);
        if (JsonAttributeValues.TryConvert(document.RootElement, out var typed))
        {
            storedAsJsonText = false;
            return new(GrainStateItem.State, typed);
        }

        storedAsJsonText = true;
        return new(GrainStateItem.StateJson, new AttributeValue { S = document.RootElement.GetRawText() });
    }

    /// <summary>The state held by an item; <see langword="default"/> when the item holds no state attribute or JSON null.</summary>
    public T? FromItem<T>(Dictionary<string, AttributeValue> item)
    {
        if (item.TryGetValue(GrainStateItem.State, out var typed))
        {
            var buffer = new ArrayBufferWriter<byte>(1024);
            using (var writer = new Utf8JsonWriter(buffer))
            {
                JsonAttributeValues.Write(writer, typed);
            }

            return JsonSerializer.Deserialize<T>(buffer.WrittenSpan, jsonOptions);
        }

        if (item.TryGetValue(GrainStateItem.StateJson, out var text) && text.S is not null)
        {
            return JsonSerializer.Deserialize<T>(text.S, jsonOptions);
        }

        return default;
    }
}
