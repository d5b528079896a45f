using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace UserManagement.Reminders.DynamoDB;

/// <summary>
/// Orleans's reminder table in DynamoDB: one item per reminder (see <see cref="ReminderItem"/> for the keys), strongly
/// consistent reads, and removal conditional on the ETag the reminder service last saw.
/// </summary>
public sealed partial class DynamoDBReminderTable(
    IAmazonDynamoDB client,
    IOptions<DynamoDBReminderTableOptions> options,
    IOptions<ClusterOptions> cluster,
    ILogger<DynamoDBReminderTable> logger) : IReminderTable
{
    private const string SameETag = $"{ReminderItem.ETag} = :etag";

    private readonly DynamoDBReminderTableOptions _options = options.Value;
    private readonly string _serviceId = cluster.Value.ServiceId;

    public Task StartAsync(CancellationToken cancellationToken = default)
    {
        var table = new ReminderTableSchema(client, _options, logger);
        if (_options.CreateTableIfNotExists)
        {
            return table.CreateIfNotExistsAsync(cancellationToken);
        }

        return _options.VerifyTableOnStartup ? table.VerifyAsync(cancellationToken) : Task.CompletedTask;
    }

    public Task<ReminderTableData> ReadRows(GrainId grainId) => ReadRows(grainId, CancellationToken.None);

    public async Task<ReminderTableData> ReadRows(GrainId grainId, CancellationToken cancellationToken)
    {
        var shard = ReminderItem.ShardOf(grainId.GetUniformHashCode());
        var items = await Query(
            shard,
            $"{ReminderItem.PartitionKey} = :pk AND begins_with({ReminderItem.SortKey}, :prefix)",
            new() { [":prefix"] = new AttributeValue(ReminderItem.GrainPrefix(grainId)) },
            cancellationToken);
        return new ReminderTableData(items.Where(item => ReminderItem.BelongsTo(item, grainId)).Select(ReminderItem.ToEntry));
    }

    public Task<ReminderTableData> ReadRows(uint begin, uint end) => ReadRows(begin, end, CancellationToken.None);

    /// <summary>The reminders whose grain hash is in (<paramref name="begin"/>, <paramref name="end"/>], wrapping past the top when begin ≥ end.</summary>
    public async Task<ReminderTableData> ReadRows(uint begin, uint end, CancellationToken cancellationToken)
    {
        var reads = new List<Task<List<Dictionary<string, AttributeValue>>>>();
        foreach (var (low, high) in InclusiveRanges(begin, end))
        {
            for (var shard = ReminderItem.ShardOf(low); shard <= ReminderItem.ShardOf(high); shard++)
            {
                reads.Add(Query(
                    shard,
                    $"{ReminderItem.PartitionKey} = :pk AND {ReminderItem.SortKey} BETWEEN :low AND :high",
                    new()
                    {
                        [":low"] = new AttributeValue(ReminderItem.HashText(low)),
                        [":high"] = new AttributeValue(ReminderItem.AfterHash(high)),
                    },
                    cancellationToken));
            }
        }

        var items = await Task.WhenAll(reads);
        return new ReminderTableData(items.SelectMany(found => found).Select(ReminderItem.ToEntry));
    }

    public Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName) => ReadRow(grainId, reminderName, CancellationToken.None);

    public async Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName, CancellationToken cancellationToken)
    {
        var request = new GetItemRequest
        {
            TableName = _options.TableName,
            Key = ReminderItem.Key(_serviceId, grainId, reminderName),
            ConsistentRead = true,
        };
        var response = await Call("GetItem", token => client.GetItemAsync(request, token), cancellationToken);
        return response.Item is { Count: > 0 } item ? ReminderItem.ToEntry(item) : null;
    }

    public Task<string?> UpsertRow(ReminderEntry entry) => UpsertRow(entry, CancellationToken.None);

    public async Task<string?> UpsertRow(ReminderEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var etag = Guid.NewGuid().ToString("N");
        var request = new PutItemRequest { TableName = _options.TableName, Item = ReminderItem.Create(_serviceId, entry, etag) };
        await Call("PutItem", token => client.PutItemAsync(request, token), cancellationToken);
        return etag;
    }

    public Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag) =>
        RemoveRow(grainId, reminderName, eTag, CancellationToken.None);

    /// <returns>Whether the reminder was there with <paramref name="eTag"/> and is gone now.</returns>
    public async Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag, CancellationToken cancellationToken)
    {
        var request = new DeleteItemRequest
        {
            TableName = _options.TableName,
            Key = ReminderItem.Key(_serviceId, grainId, reminderName),
            ConditionExpression = SameETag,
            ExpressionAttributeValues = new() { [":etag"] = new AttributeValue(eTag) },
        };
        try
        {
            await Call("DeleteItem", token => client.DeleteItemAsync(request, token), cancellationToken);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }

    public Task TestOnlyClearTable() => TestOnlyClearTable(CancellationToken.None);

    /// <summary>Removes this service's reminders (every partition of its service id), leaving other services' alone.</summary>
    public async Task TestOnlyClearTable(CancellationToken cancellationToken)
    {
        for (var shard = 0; shard < ReminderItem.Shards; shard++)
        {
            foreach (var item in await Query(shard, $"{ReminderItem.PartitionKey} = :pk", [], cancellationToken))
            {
                var key = new Dictionary<string, AttributeValue>(StringComparer.Ordinal)
                {
                    [ReminderItem.PartitionKey] = item[ReminderItem.PartitionKey],
                    [ReminderItem.SortKey] = item[ReminderItem.SortKey],
                };
                await Call("DeleteItem", token => client.DeleteItemAsync(_options.TableName, key, token), cancellationToken);
            }
        }
    }

    /// <summary>(begin, end] as inclusive ranges that do not wrap: one, or two when the range passes the top of the ring.</summary>
    private static IEnumerable<(uint Low, uint High)> InclusiveRanges(uint begin, uint end)
    {
        if (begin < end)
        {
            yield return (begin + 1, end);
            yield break;
        }

        if (begin < uint.MaxValue)
        {
            yield return (begin + 1, uint.MaxValue);
        }

        yield return (0, end);
    }

    private async Task<List<Dictionary<string, AttributeValue>>> Query(
        int shard, string keyCondition, Dictionary<string, AttributeValue> values, CancellationToken cancellationToken)
    {
        values[":pk"] = new AttributeValue(ReminderItem.Partition(_serviceId, shard));
        var items = new List<Dictionary<string, AttributeValue>>();
        Dictionary<string, AttributeValue>? startKey = null;
        do
        {
            var request = new QueryRequest
            {
                TableName = _options.TableName,
                KeyConditionExpression = keyCondition,
                ExpressionAttributeValues = values,
                ExclusiveStartKey = startKey,
                ConsistentRead = true,
            };
            var page = await Call("Query", token => client.QueryAsync(request, token), cancellationToken);
            items.AddRange(page.Items ?? []);
            startKey = page.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (startKey is not null);

        return items;
    }

    /// <summary>One call within <see cref="DynamoDBReminderTableOptions.RequestTimeout"/>, its failure in a form Orleans can pass to a grain.</summary>
    private async Task<T> Call<T>(string operation, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.RequestTimeout);
        try
        {
            return await call(timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            LogTimedOut(logger, operation, _options.TableName, _options.RequestTimeout);
            throw new TimeoutException($"DynamoDB did not complete {operation} on reminder table '{_options.TableName}' within {_options.RequestTimeout}.");
        }
        catch (Exception exception) when (exception is not ConditionalCheckFailedException
            and (AmazonServiceException or AmazonClientException or HttpRequestException or IOException))
        {
            // AWS exceptions cannot be serialized by Orleans; the grain that registered the reminder gets the text.
            LogFailed(logger, exception, operation, _options.TableName);
            throw new ReminderException($"DynamoDB failed {operation} on reminder table '{_options.TableName}': {exception.GetType().Name}: {exception.Message}");
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "DynamoDB did not complete {Operation} on reminder table {TableName} within {Timeout}")]
    private static partial void LogTimedOut(ILogger logger, string operation, string tableName, TimeSpan timeout);

    [LoggerMessage(Level = LogLevel.Error, Message = "DynamoDB failed {Operation} on reminder table {TableName}")]
    private static partial void LogFailed(ILogger logger, Exception exception, string operation, string tableName);
}
