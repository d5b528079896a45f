using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace UserManagement.Grains.Outbox;

/// <summary>
/// Wakes every user whose events are still pending, so they are published even when nothing else activates the
/// user after a silo stopped. Every silo sweeps; a user publishes one attempt at a time, so that is harmless.
/// </summary>
public sealed partial class OutboxSweeper(
    IGrainFactory grains,
    IOptions<OutboxOptions> options,
    ILogger<OutboxSweeper> logger) : ILifecycleParticipant<ISiloLifecycle>, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private Task _sweeping = Task.CompletedTask;

    public void Participate(ISiloLifecycle lifecycle) => lifecycle.Subscribe(
        nameof(OutboxSweeper),
        ServiceLifecycleStage.Active,
        _ =>
        {
            _sweeping = Sweep(_stopping.Token);
            return Task.CompletedTask;
        },
        async _ =>
        {
            await _stopping.CancelAsync();
            await _sweeping;
        });

    public void Dispose() => _stopping.Dispose();

    private async Task Sweep(CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.SweepIntervalSeconds));
        try
        {
            while (await timer.WaitForNextTickAsync(stopping))
            {
                await SweepOnce();
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }

    private async Task SweepOnce()
    {
        for (var shard = 0; shard < OutboxShards.Count; shard++)
        {
            try
            {
                var pending = await grains.GetGrain<IOutboxIndexGrain>(shard).Pending();
                await Task.WhenAll(pending.Select(userId => grains.GetGrain<IPendingEventsOwner>(userId).PublishPendingEvents()));
            }
            catch (Exception exception)
            {
                LogSweepFailed(logger, exception, shard);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sweeping outbox shard {Shard} failed; the next sweep tries again")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception, int shard);
}
