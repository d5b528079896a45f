using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Storage;
using UserManagement.Contracts.Users;
using UserManagement.Resilience;
using UserManagement.Grains.Users;

namespace UserManagement.Grains.Outbox;

/// <summary>
/// Hands over what earlier versions of the service left in their outbox index: sixteen shard items listing the users
/// whose events were still pending, which nothing reads since pending events are indexed by reminders. Each listed user
/// is asked to resume its pending events (which gives them a reminder), then the shard item is cleared. Runs in the
/// background once the silo is active, on every silo (a second silo finds the shards empty), retrying with back-off
/// while storage or the cluster fails; an index that is already empty costs sixteen reads at start-up.
/// </summary>
public sealed partial class LegacyOutboxIndexDrain(
    IServiceProvider services,
    IGrainFactory grains,
    ILogger<LegacyOutboxIndexDrain> logger) : ILifecycleParticipant<ISiloLifecycle>, IDisposable
{
    /// <summary>The state name, grain type and shard count the earlier index was stored under.</summary>
    public const string StateName = "outbox-index";

    public const string GrainTypeName = "outboxindex";

    public const int Shards = 16;

    private static readonly Backoff Retry = new(TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5));

    private readonly CancellationTokenSource _stopping = new();
    private Task _draining = Task.CompletedTask;

    /// <summary>The grain id of one shard of the earlier index, as its items are keyed in storage.</summary>
    public static GrainId ShardId(int shard) =>
        GrainId.Create(GrainType.Create(GrainTypeName), GrainIdKeyExtensions.CreateIntegerKey(shard));

    public void Participate(ISiloLifecycle lifecycle) => lifecycle.Subscribe(
        nameof(LegacyOutboxIndexDrain),
        ServiceLifecycleStage.Active,
        _ =>
        {
            _draining = Drain(_stopping.Token);
            return Task.CompletedTask;
        },
        async _ =>
        {
            await _stopping.CancelAsync();
            await _draining;
        });

    public void Dispose() => _stopping.Dispose();

    private async Task Drain(CancellationToken stopping)
    {
        await Task.Yield();
        var storage = services.GetRequiredKeyedService<IGrainStorage>(UserGrain.StorageName);
        for (var shard = 0; shard < Shards && !stopping.IsCancellationRequested; shard++)
        {
            var current = shard;
            await Retry.RetryUntilDone(
                _ => DrainShard(storage, current),
                (exception, _, delay) => LogShardFailed(logger, exception, current, delay),
                stopping);
        }
    }

    private async Task DrainShard(IGrainStorage storage, int shard)
    {
        var index = new GrainState<LegacyOutboxIndexState>(new LegacyOutboxIndexState());
        await storage.ReadStateAsync(StateName, ShardId(shard), index);
        if (!index.RecordExists || index.State?.UserIds is not { Count: > 0 } userIds)
        {
            return;
        }

        foreach (var userId in userIds)
        {
            await grains.GetGrain<IOutboxOwner>(userId).ResumePending();
        }

        await storage.ClearStateAsync(StateName, ShardId(shard), index);
        LogShardDrained(logger, shard, userIds.Count);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Earlier outbox index shard {Shard}: {Count} user(s) with pending events resumed, shard cleared")]
    private static partial void LogShardDrained(ILogger logger, int shard, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Draining earlier outbox index shard {Shard} failed; trying again in {Delay}")]
    private static partial void LogShardFailed(ILogger logger, Exception exception, int shard, TimeSpan delay);
}

/// <summary>One shard of the earlier outbox index, as it was stored: the ids of users with pending events.</summary>
[GenerateSerializer]
public sealed class LegacyOutboxIndexState
{
    [Id(0)]
    public List<string> UserIds { get; set; } = [];
}
