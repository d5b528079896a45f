using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Microsoft.Extensions.Logging;

namespace UserManagement.Reminders.DynamoDB;

/// <summary>The reminder table's start-up work: create it when asked to, otherwise check that it is there and keyed right.</summary>
internal sealed partial class ReminderTableSchema(IAmazonDynamoDB client, DynamoDBReminderTableOptions options, ILogger logger)
{
    private static readonly TimeSpan CreationPatience = TimeSpan.FromMinutes(2);

    private static readonly KeySchemaElement[] Keys =
    [
        new(ReminderItem.PartitionKey, KeyType.HASH),
        new(ReminderItem.SortKey, KeyType.RANGE),
    ];

    public async Task CreateIfNotExistsAsync(CancellationToken cancellationToken)
    {
        if (await Describe(cancellationToken) is null)
        {
            LogCreating(logger, options.TableName);
            try
            {
                await client.CreateTableAsync(
                    new CreateTableRequest
                    {
                        TableName = options.TableName,
                        BillingMode = BillingMode.PAY_PER_REQUEST,
                        KeySchema = [.. Keys],
                        AttributeDefinitions =
                        [
                            new(ReminderItem.PartitionKey, ScalarAttributeType.S),
                            new(ReminderItem.SortKey, ScalarAttributeType.S),
                        ],
                    },
                    cancellationToken);
            }
            catch (ResourceInUseException)
            {
                // Another silo is creating it; it only has to become active.
            }
        }

        using var patience = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        patience.CancelAfter(CreationPatience);
        TableDescription? table;
        while ((table = await Describe(patience.Token))?.TableStatus != TableStatus.ACTIVE)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(250), patience.Token);
        }

        CheckKeys(table);
    }

    public async Task VerifyAsync(CancellationToken cancellationToken)
    {
        var table = await Describe(cancellationToken) ?? throw new InvalidOperationException(
            $"The DynamoDB reminder table '{options.TableName}' does not exist. Create it with a String partition key " +
            $"'{ReminderItem.PartitionKey}' and a String sort key '{ReminderItem.SortKey}', or set " +
            $"{DynamoDBReminderTableOptions.SectionName}:{nameof(options.CreateTableIfNotExists)}=true.");
        CheckKeys(table);
    }

    private async Task<TableDescription?> Describe(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.RequestTimeout);
        try
        {
            return (await client.DescribeTableAsync(new DescribeTableRequest(options.TableName), timeout.Token)).Table;
        }
        catch (ResourceNotFoundException)
        {
            return null;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException(
                $"DynamoDB did not answer for reminder table '{options.TableName}' within {options.RequestTimeout}; " +
                "check AWS_ENDPOINT_URL_DYNAMODB / AWS_REGION and the network.");
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException or AmazonServiceException or AmazonClientException)
        {
            throw new InvalidOperationException(
                $"Reminders could not use DynamoDB table '{options.TableName}' at start-up: {exception.GetType().Name}: {exception.Message}",
                exception);
        }
    }

    private void CheckKeys(TableDescription table)
    {
        var keys = table.KeySchema ?? [];
        var stringKeys = (table.AttributeDefinitions ?? [])
            .Where(a => a.AttributeType == ScalarAttributeType.S)
            .Select(a => a.AttributeName)
            .ToHashSet(StringComparer.Ordinal);
        var expected = keys.Count == Keys.Length
            && Keys.All(k => keys.Any(actual => actual.AttributeName == k.AttributeName && actual.KeyType == k.KeyType))
            && Keys.All(k => stringKeys.Contains(k.AttributeName));
        if (!expected)
        {
            throw new InvalidOperationException(
                $"The DynamoDB reminder table '{options.TableName}' must have the String partition key " +
                $"'{ReminderItem.PartitionKey}' and the String sort key '{ReminderItem.SortKey}', and no other key.");
        }

        LogActive(logger, options.TableName);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Creating DynamoDB reminder table {TableName} (on-demand capacity)")]
    private static partial void LogCreating(ILogger logger, string tableName);

    [LoggerMessage(Level = LogLevel.Information, Message = "DynamoDB reminder table {TableName} is active")]
    private static partial void LogActive(ILogger logger, string tableName);
}
