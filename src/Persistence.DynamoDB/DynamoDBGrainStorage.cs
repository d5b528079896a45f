using System.Diagnostics;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace UserManagement.Persistence.DynamoDB;

/// <summary>
/// Orleans grain storage in DynamoDB: one item per grain state, the state as readable attributes, and every write
/// conditional on the version the grain last read, so two activations of one grain cannot overwrite each other.
/// </summary>
public sealed class DynamoDBGrainStorage : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    private const string FirstWriteCondition = $"attribute_not_exists({GrainStateItem.Key})";
    private const string SameVersionCondition = "#version = :expected";

    private static readonly Dictionary<string, string> VersionName = new(StringComparer.Ordinal)
    {
        ["#version"] = GrainStateItem.Version,
    };

    private readonly string _name;
    private readonly DynamoDBGrainStorageOptions _options;
    private readonly string _serviceId;
    private readonly IAmazonDynamoDB _client;
    private readonly IActivatorProvider _activators;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly GrainStateSerializer _serializer;
    private readonly UnacknowledgedWrites _unacknowledged = new();

    public DynamoDBGrainStorage(
        string name,
        DynamoDBGrainStorageOptions options,
        IOptions<ClusterOptions> clusterOptions,
        IAmazonDynamoDB client,
        IActivatorProvider activators,
        TimeProvider time,
        ILogger<DynamoDBGrainStorage> logger)
    {
        _name = name;
        _options = options;
        _serviceId = clusterOptions.Value.ServiceId;
        _client = client;
        _activators = activators;
        _time = time;
        _logger = logger;
        _serializer = new GrainStateSerializer(options.JsonSerializerOptions);
    }

    /// <summary>The factory <c>AddGrainStorage</c> calls for the storage registered under <paramref name="name"/>.</summary>
    public static DynamoDBGrainStorage Create(IServiceProvider services, string name) =>
        new(
            name,
            services.GetRequiredService<IOptionsMonitor<DynamoDBGrainStorageOptions>>().Get(name),
            services.GetRequiredService<IOptions<ClusterOptions>>(),
            services.GetRequiredService<IAmazonDynamoDB>(),
            services.GetRequiredService<IActivatorProvider>(),
            services.GetService<TimeProvider>() ?? TimeProvider.System,
            services.GetRequiredService<ILogger<DynamoDBGrainStorage>>());

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe($"{nameof(DynamoDBGrainStorage)}-{_name}", ServiceLifecycleStage.ApplicationServices, StartAsync);

    private Task StartAsync(CancellationToken cancellationToken)
    {
        var table = new GrainStateTable(_client, _options, _name, _logger);
        if (_options.CreateTableIfNotExists)
        {
            return table.CreateIfNotExistsAsync(cancellationToken);
        }

        return _options.VerifyTableOnStartup ? table.VerifyAsync(cancellationToken) : Task.CompletedTask;
    }

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ReadStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public async Task ReadStateAsync<T>(
        string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        var request = new GetItemRequest
        {
            TableName = _options.TableName,
            Key = GrainStateItem.KeyAttributes(KeyFor(stateName, grainId)),
            ConsistentRead = true,
        };
        var response = await CallAsync(
            "read", stateName, grainId, token => _client.GetItemAsync(request, token), cancellationToken);
        _unacknowledged.Forget(grainState);

        if (response.Item is not { Count: > 0 } item)
        {
            grainState.State = _activators.GetActivator<T>().Create();
            grainState.ETag = null;
            grainState.RecordExists = false;
            return;
        }

        var version = VersionOf(item, stateName, grainId);
        grainState.State = _serializer.FromItem<T>(item) ?? _activators.GetActivator<T>().Create();
        grainState.ETag = GrainStateItem.ETagOf(version);
        grainState.RecordExists = GrainStateItem.HoldsState(item);
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        WriteStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public async Task WriteStateAsync<T>(
        string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        var expectedVersion = ExpectedVersion(stateName, grainId, grainState.ETag);
        var state = _serializer.ToAttribute(grainState.State, out var storedAsJsonText);
        if (storedAsJsonText)
        {
            _logger.StoredAsJsonText(stateName, GrainTypeOf(grainId));
        }

        var item = GrainStateItem.Create(KeyFor(stateName, grainId), grainId, stateName, _time.GetUtcNow(), state);
        GrainStateItem.Stamp(item, StoredWrite.New(expectedVersion + 1));
        var size = DynamoDBItemSize.Of(item);
        if (size > DynamoDBItemSize.MaxBytes)
        {
            _logger.StateTooLarge(stateName, GrainTypeOf(grainId), size);
            throw new GrainStateTooLargeException(stateName, GrainTypeOf(grainId), size, DynamoDBItemSize.MaxBytes);
        }

        var version = await PutAsync("write", stateName, grainId, grainState, item, expectedVersion, cancellationToken);
        grainState.ETag = GrainStateItem.ETagOf(version);
        grainState.RecordExists = true;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ClearStateAsync(stateName, grainId, grainState, CancellationToken.None);

    /// <summary>
    /// Replaces the item with a tombstone, an item without state at the next version, so versions never start over and
    /// a copy read before the clear can never overwrite what is written after it. Resets the copy to a new default state.
    /// </summary>
    public async Task ClearStateAsync<T>(
        string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        var expectedVersion = ExpectedVersion(stateName, grainId, grainState.ETag);
        var tombstone = GrainStateItem.Create(KeyFor(stateName, grainId), grainId, stateName, _time.GetUtcNow(), state: null);
        GrainStateItem.Stamp(tombstone, StoredWrite.New(expectedVersion + 1));

        var version = await PutAsync("clear", stateName, grainId, grainState, tombstone, expectedVersion, cancellationToken);
        grainState.State = _activators.GetActivator<T>().Create();
        grainState.ETag = GrainStateItem.ETagOf(version);
        grainState.RecordExists = false;
    }

    private string KeyFor(string stateName, GrainId grainId) => GrainStateItem.KeyFor(_serviceId, stateName, grainId);

    private static string GrainTypeOf(GrainId grainId) => grainId.Type.ToString() ?? string.Empty;

    /// <summary>The version the grain last read: 0 when it saw no item.</summary>
    private long ExpectedVersion(string stateName, GrainId grainId, string? etag)
    {
        if (etag is null)
        {
            return 0;
        }

        if (!GrainStateItem.TryParseVersion(etag, out var version))
        {
            throw new InconsistentStateException(
                $"The ETag of state '{stateName}' of a '{GrainTypeOf(grainId)}' grain is not a version of table '{_options.TableName}'.",
                storedEtag: "unknown",
                currentEtag: etag);
        }

        return version;
    }

    /// <summary>The condition a write or clear needs: no item yet, or the item at the version the grain last read.</summary>
    private static (string Expression, Dictionary<string, string>? Names, Dictionary<string, AttributeValue>? Values)
        ConditionOn(long expectedVersion) =>
        expectedVersion == 0
            ? (FirstWriteCondition, null, null)
            : (SameVersionCondition,
                VersionName,
                new Dictionary<string, AttributeValue>(StringComparer.Ordinal)
                {
                    [":expected"] = GrainStateItem.VersionValue(expectedVersion),
                });

    /// <summary>
    /// Puts the item on condition that the stored version is <paramref name="expectedVersion"/>, and returns the version
    /// it stored. A refusal is a conflict unless the stored version is this write's own (DynamoDB applied it and the
    /// answer was lost, so the SDK's retry found its condition no longer true) or an earlier write of this state copy
    /// that failed without an answer, which this write then replaces.
    /// </summary>
    private async Task<long> PutAsync<T>(
        string operation,
        string stateName,
        GrainId grainId,
        IGrainState<T> grainState,
        Dictionary<string, AttributeValue> item,
        long expectedVersion,
        CancellationToken cancellationToken)
    {
        var writeId = item[GrainStateItem.WriteId].S;
        while (true)
        {
            var write = new StoredWrite(expectedVersion + 1, writeId);
            GrainStateItem.Stamp(item, write);
            StoredWrite? stored;
            try
            {
                stored = await PutOrFindStoredAsync(operation, stateName, grainId, item, expectedVersion, cancellationToken);
            }
            catch
            {
                _unacknowledged.Remember(grainState, write);
                throw;
            }

            if (stored is not { } found || found == write)
            {
                if (stored is not null)
                {
                    _logger.LostAnswerRecognised(operation, stateName, GrainTypeOf(grainId), _options.TableName, write.Version);
                }

                _unacknowledged.Forget(grainState);
                return write.Version;
            }

            if (found.Version > expectedVersion && _unacknowledged.Contains(grainState, found))
            {
                _logger.EarlierWriteFound(operation, stateName, GrainTypeOf(grainId), _options.TableName, found.Version);
                expectedVersion = found.Version;
                grainState.ETag = GrainStateItem.ETagOf(found.Version);
                continue;
            }

            throw Conflict(operation, stateName, grainId, grainState.ETag, found);
        }
    }

    /// <summary><see langword="null"/> when the put was applied; otherwise the stored write its condition did not match.</summary>
    private async Task<StoredWrite?> PutOrFindStoredAsync(
        string operation,
        string stateName,
        GrainId grainId,
        Dictionary<string, AttributeValue> item,
        long expectedVersion,
        CancellationToken cancellationToken)
    {
        var (condition, names, values) = ConditionOn(expectedVersion);
        var request = new PutItemRequest
        {
            TableName = _options.TableName,
            Item = item,
            ConditionExpression = condition,
            ExpressionAttributeNames = names,
            ExpressionAttributeValues = values,
            ReturnValuesOnConditionCheckFailure = ReturnValuesOnConditionCheckFailure.ALL_OLD,
        };
        try
        {
            await CallAsync(operation, stateName, grainId, token => _client.PutItemAsync(request, token), cancellationToken);
            return null;
        }
        catch (ConditionalCheckFailedException exception)
        {
            // DynamoDB returns the stored item when asked to; an emulator may not, and then it is read.
            var stored = exception.Item is { Count: > 0 } returned
                ? returned
                : await ReadStoredWriteAsync(stateName, grainId, cancellationToken);
            return stored is { Count: > 0 }
                ? new StoredWrite(VersionOf(stored, stateName, grainId), GrainStateItem.WriteIdOf(stored))
                : new StoredWrite(0, null);
        }
    }

    /// <summary>
    /// The version of a stored item. Without one the item cannot take part in the version conditions, and every write
    /// would conflict for ever: that is an error of its own, with the item to look at named.
    /// </summary>
    private long VersionOf(Dictionary<string, AttributeValue> item, string stateName, GrainId grainId)
    {
        if (GrainStateItem.VersionOf(item) is { } version)
        {
            return version;
        }

        _logger.ItemWithoutVersion(stateName, GrainTypeOf(grainId), _options.TableName);
        throw new GrainStateUnreadableException(
            $"The item of state '{stateName}' of a '{GrainTypeOf(grainId)}' grain in table '{_options.TableName}' has no " +
            $"Number attribute '{GrainStateItem.Version}' (at least 1), so it cannot be read or written safely; it was " +
            $"not written by this storage or was edited. Give it one, or remove the item.");
    }

    private async Task<Dictionary<string, AttributeValue>?> ReadStoredWriteAsync(
        string stateName, GrainId grainId, CancellationToken cancellationToken)
    {
        var request = new GetItemRequest
        {
            TableName = _options.TableName,
            Key = GrainStateItem.KeyAttributes(KeyFor(stateName, grainId)),
            ConsistentRead = true,
            ProjectionExpression = "#version, #writeId",
            ExpressionAttributeNames = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["#version"] = GrainStateItem.Version,
                ["#writeId"] = GrainStateItem.WriteId,
            },
        };
        var response = await CallAsync(
            "verify", stateName, grainId, token => _client.GetItemAsync(request, token), cancellationToken);
        return response.Item;
    }

    /// <summary>
    /// The conflict Orleans expects, so it deactivates the grain and the next call reads afresh. The AWS exception is not
    /// passed on: Orleans cannot serialize it to the grain's caller.
    /// </summary>
    private InconsistentStateException Conflict(
        string operation, string stateName, GrainId grainId, string? expectedETag, StoredWrite stored)
    {
        var storedETag = stored.Version > 0 ? GrainStateItem.ETagOf(stored.Version) : "none";
        var currentETag = expectedETag ?? "none";
        _logger.WriteConflict(stateName, GrainTypeOf(grainId), _options.TableName, currentETag, storedETag);
        return new InconsistentStateException(
            $"Could not {operation} state '{stateName}' of a '{GrainTypeOf(grainId)}' grain in table '{_options.TableName}': " +
            $"it was changed since version {currentETag} was read (stored version {storedETag}). Re-read the state and retry.",
            storedETag,
            currentETag);
    }

    private async Task<TResponse> CallAsync<TResponse>(
        string operation,
        string stateName,
        GrainId grainId,
        Func<CancellationToken, Task<TResponse>> call,
        CancellationToken cancellationToken)
    {
        using var activity = DynamoDBGrainStorageTelemetry.StartCall(operation, _options.TableName, stateName);
        var started = _time.GetTimestamp();
        string? errorType = null;
        try
        {
            return await CallWithinTimeoutAsync(operation, stateName, grainId, call, cancellationToken);
        }
        catch (Exception exception)
        {
            errorType = exception.GetType().Name;
            activity?.SetStatus(ActivityStatusCode.Error, errorType);
            activity?.SetTag("error.type", errorType);
            throw;
        }
        finally
        {
            DynamoDBGrainStorageTelemetry.RecordDuration(operation, _options.TableName, _time.GetElapsedTime(started), errorType);
        }
    }

    private async Task<TResponse> CallWithinTimeoutAsync<TResponse>(
        string operation,
        string stateName,
        GrainId grainId,
        Func<CancellationToken, Task<TResponse>> call,
        CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.RequestTimeout);
        try
        {
            return await call(timeout.Token);
        }
        catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            _logger.TimedOut(operation, stateName, GrainTypeOf(grainId), _options.TableName, _options.RequestTimeout);
            throw new TimeoutException(
                $"DynamoDB did not complete the {operation} of state '{stateName}' of a '{GrainTypeOf(grainId)}' grain in " +
                $"table '{_options.TableName}' within {_options.RequestTimeout} (retries included); check the endpoint " +
                "(AWS_ENDPOINT_URL_DYNAMODB, AWS_REGION) and the network.",
                exception);
        }
        catch (Exception exception) when (exception is not ConditionalCheckFailedException
            and (AmazonServiceException or AmazonClientException or HttpRequestException or IOException))
        {
            _logger.OperationFailed(exception, operation, stateName, GrainTypeOf(grainId), _options.TableName);
            throw new DynamoDBGrainStorageException(
                $"DynamoDB failed the {operation} of state '{stateName}' of a '{GrainTypeOf(grainId)}' grain in table " +
                $"'{_options.TableName}' after the SDK's retries: {exception.GetType().Name}: {exception.Message}");
        }
    }
}
