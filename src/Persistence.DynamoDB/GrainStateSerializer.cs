using System.Text.Encodings.Web;
using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.DocumentModel;
using Amazon.DynamoDBv2.Model;

namespace UserManagement.Persistence.DynamoDB;

/// <summary>
/// Turns a grain state into the attribute that holds it in the item, and back: System.Text.Json makes the JSON, the
/// AWS SDK's document model turns JSON into DynamoDB types and back.
/// </summary>
/// <remarks>
/// Two things the document model gets wrong for grain state are put right here: it drops empty strings unless told
/// not to, and it reads JSON numbers through <see cref="decimal"/> or <see cref="double"/>, which rounds (1e-50 becomes
/// 0, a 38-digit integer loses its last 21 digits), so each number keeps its JSON text instead. What DynamoDB refuses
/// and the document model passes on is kept as JSON text (<see cref="DynamoDBLimits"/>).
/// </remarks>
internal sealed class GrainStateSerializer(JsonSerializerOptions configuredOptions)
{
    // The JSON is never served to a browser, only turned into attributes or stored as text, so it need not escape what
    // HTML would mind; the default encoder escapes every '+' of a base64 string, the most of a user's write.
    private readonly JsonSerializerOptions _jsonOptions = configuredOptions.Encoder is null
        ? new JsonSerializerOptions(configuredOptions) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }
        : configuredOptions;

    /// <summary>
    /// The state attribute: <see cref="GrainStateItem.State"/> with DynamoDB types where DynamoDB can hold them,
    /// otherwise <see cref="GrainStateItem.StateJson"/> holding the JSON text.
    /// </summary>
    public KeyValuePair<string, AttributeValue> ToAttribute<T>(T state, out bool storedAsJsonText)
    {
        using var document = JsonSerializer.SerializeToDocument(state, _jsonOptions);
        var json = document.RootElement;
        storedAsJsonText = !DynamoDBLimits.CanHold(json);
        if (storedAsJsonText)
        {
            return new(GrainStateItem.StateJson, new AttributeValue { S = json.GetRawText() });
        }

        // The document model reads only an object at the root, so any state goes in as the one property of one.
        var typed = Document.FromJson($"{{\"{GrainStateItem.State}\":{json.GetRawText()}}}")
            .ToAttributeMap(DynamoDBEntryConversion.V2, isEmptyStringValueEnabled: true)[GrainStateItem.State];
        KeepNumberText(json, typed);
        return new(GrainStateItem.State, typed);
    }

    /// <summary>The state held by an item; <see langword="default"/> when the item holds no state attribute or JSON null.</summary>
    public T? FromItem<T>(Dictionary<string, AttributeValue> item)
    {
        if (item.TryGetValue(GrainStateItem.State, out var typed))
        {
            var json = Document.FromAttributeMap(new() { [GrainStateItem.State] = typed }).ToJson();
            using var document = JsonDocument.Parse(json);
            return document.RootElement.GetProperty(GrainStateItem.State).Deserialize<T>(_jsonOptions);
        }

        if (item.TryGetValue(GrainStateItem.StateJson, out var text) && text.S is not null)
        {
            return JsonSerializer.Deserialize<T>(text.S, _jsonOptions);
        }

        return default;
    }

    /// <summary>Gives every number the text it has in the JSON, in place of the document model's rounded one.</summary>
    private static void KeepNumberText(JsonElement json, AttributeValue value)
    {
        switch (json.ValueKind)
        {
            case JsonValueKind.Number when value.N is not null:
                value.N = json.GetRawText();
                break;
            case JsonValueKind.Object when value.M is not null:
                foreach (var property in json.EnumerateObject())
                {
                    if (value.M.TryGetValue(property.Name, out var member))
                    {
                        KeepNumberText(property.Value, member);
                    }
                }

                break;
            case JsonValueKind.Array when value.L is not null:
                var index = 0;
                foreach (var element in json.EnumerateArray())
                {
                    KeepNumberText(element, value.L[index++]);
                }

                break;
        }
    }
}
