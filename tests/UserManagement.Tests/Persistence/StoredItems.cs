using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace UserManagement.Tests.Persistence;

/// <summary>Reads grain state items straight from DynamoDB, as an operator in the console would.</summary>
public static class StoredItems
{
    public static string KeyOf(string serviceId, string stateName, GrainId grainId) => $"{serviceId}/{stateName}/{grainId}";

    /// <summary>The item, or <see langword="null"/> when there is none.</summary>
    public static async Task<Dictionary<string, AttributeValue>?> GetAsync(
        this IAmazonDynamoDB client, string tableName, string key)
    {
        var response = await client.GetItemAsync(new GetItemRequest
        {
            TableName = tableName,
            Key = new Dictionary<string, AttributeValue> { ["pk"] = new AttributeValue { S = key } },
            ConsistentRead = true,
        });
        return response.Item is { Count: > 0 } item ? item : null;
    }
}
