using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Microsoft.Extensions.Logging;

namespace UserManagement.Persistence.DynamoDB;

/// <summary>The start-up work on the table: create it when asked to, otherwise make sure it is there and shaped right.</summary>
internal sealed class GrainStateTable(
    IAmazonDynamoDB client,
    DynamoDBGrainStorageOptions options,
    string storageName,
    ILogger logger)
{
    /// <summary>How long a new table may stay in CREATING before start-up gives up (DynamoDB takes seconds).</summary>
    private static readonly TimeSpan ActivationWait = TimeSpan.FromMinutes(2);

    private static readonly TimeSpan ActivationPollInterval = TimeSpan.FromMilliseconds(250);

    public async Task CreateIfNotExistsAsync(CancellationToken cancellationToken)
    {
        var table = await DescribeAsync(cancellationToken);
        if (table is null)
        {
            logger.CreatingTable(options.TableName, storageName);
            try
            {
                await WithTimeout(token => client.CreateTableAsync(CreateTableRequest(), token), cancellationToken);
            }
            catch (ResourceInUseException)
            {
                // Another silo created it first; waiting for it to become active is all that is left.
            }

            table = await WaitUntilActiveAsync(cancellationToken);
        }
        else if (table.TableStatus != TableStatus.ACTIVE)
        {
            table = await WaitUntilActiveAsync(cancellationToken);
        }

        EnsureKeySchema(table);
        logger.TableActive(options.TableName, storageName);
    }

    public async Task VerifyAsync(CancellationToken cancellationToken)
    {
        var table = await DescribeAsync(cancellationToken) ?? throw new InvalidOperationException(
            $"The DynamoDB table '{options.TableName}' of grain storage '{storageName}' does not exist. Create it with a " +
            $"String partition key '{GrainStateItem.Key}' and no sort key, or set " +
            $"{DynamoDBGrainStorageOptions.ConfigurationSectionFor(storageName)}:{nameof(options.CreateTableIfNotExists)}=true.");

        EnsureKeySchema(table);
        logger.TableActive(options.TableName, storageName);
    }

    private CreateTableRequest CreateTableRequest() => new()
    {
        TableName = options.TableName,
        BillingMode = BillingMode.PAY_PER_REQUEST,
        KeySchema = [new KeySchemaElement(GrainStateItem.Key, KeyType.HASH)],
        AttributeDefinitions = [new AttributeDefinition(GrainStateItem.Key, ScalarAttributeType.S)],
    };

    private async Task<TableDescription?> DescribeAsync(CancellationToken cancellationToken)
    {
        try
        {
            var response = await WithTimeout(
                token => client.DescribeTableAsync(new DescribeTableRequest { TableName = options.TableName }, token),
                cancellationToken);
            return response.Table;
        }
        catch (ResourceNotFoundException)
        {
            return null;
        }
    }

    private async Task<TableDescription> WaitUntilActiveAsync(CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(ActivationWait);
        try
        {
            while (true)
            {
                var table = await DescribeAsync(deadline.Token);
                if (table?.TableStatus == TableStatus.ACTIVE)
                {
                    return table;
                }

                await Task.Delay(ActivationPollInterval, deadline.Token);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException(
                $"The DynamoDB table '{options.TableName}' of grain storage '{storageName}' did not become active within {ActivationWait}.");
        }
    }

    private void EnsureKeySchema(TableDescription table)
    {
        var keys = table.KeySchema ?? [];
        var hashKeyIsString = (table.AttributeDefinitions ?? []).Any(a =>
            a.AttributeName == GrainStateItem.Key && a.AttributeType == ScalarAttributeType.S);
        if (keys.Count != 1 || keys[0].AttributeName != GrainStateItem.Key || keys[0].KeyType != KeyType.HASH || !hashKeyIsString)
        {
            throw new InvalidOperationException(
                $"The DynamoDB table '{options.TableName}' of grain storage '{storageName}' must have exactly one key, " +
                $"the String partition key '{GrainStateItem.Key}', and no sort key.");
        }
    }

    private async Task<T> WithTimeout<T>(Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.RequestTimeout);
        try
        {
            return await call(timeout.Token);
        }
        catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException(
                $"DynamoDB did not answer for table '{options.TableName}' of grain storage '{storageName}' within " +
                $"{options.RequestTimeout}; check AWS_ENDPOINT_URL_DYNAMODB / AWS_REGION and the network.",
                exception);
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException
            or (AmazonServiceException and not ResourceNotFoundException and not ResourceInUseException))
        {
            throw new InvalidOperationException(
                $"Grain storage '{storageName}' could not use DynamoDB table '{options.TableName}' at start-up: " +
                $"{exception.GetType().Name}: {exception.Message}",
                exception);
        }
    }
}
