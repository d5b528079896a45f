using Microsoft.Extensions.Logging;
using Orleans.Concurrency;

namespace UserManagement.Grains.Outbox;

/// <summary>
/// Makes the attempts the outboxes ask for, on the silo that asked, a bounded number at once.
/// </summary>
/// <remarks>
/// Publishing from a grain of its own rather than from the user's grain (on an interleaving timer, say) keeps every
/// wait on the bus out of the user's grain entirely: the user's grain sends a one-way message and its turn ends, and the
/// outcome comes back as a normal call. A stateless worker also bounds the silo's concurrent <c>PutEvents</c> without a
/// limiter of our own: at most <see cref="MaxConcurrentAttempts"/> activations, each one attempt at a time. Attempts
/// beyond that wait in Orleans's queue, and ones that expire there are made again after <c>Outbox:AttemptTimeout</c>.
/// </remarks>
[StatelessWorker(MaxConcurrentAttempts)]
public sealed partial class OutboxPublisherGrain(IEventPublisher publisher, ILogger<OutboxPublisherGrain> logger)
    : Grain, IOutboxPublisherGrain
{
    /// <summary>
    /// Per silo. <c>PutEvents</c> takes tens of milliseconds, so this is hundreds of events a second, far above the rate
    /// of registrations, which Argon2id holds to tens a second per core.
    /// </summary>
    public const int MaxConcurrentAttempts = 16;

    public async Task Publish(IOutboxOwner owner, IReadOnlyList<OutgoingEvent> events)
    {
        IReadOnlyList<EventOutcome> outcomes;
        try
        {
            outcomes = await publisher.PublishOnce(events, CancellationToken.None);
        }
        catch (Exception exception)
        {
            // The publisher answers failures as outcomes; anything thrown is a fault of ours, to be retried like any other.
            LogPublisherFailed(logger, exception, owner.GetPrimaryKeyString());
            outcomes = [.. events.Select(e => new EventOutcome(e.Id, PublishResult.Transient, exception.GetType().Name, "The publisher failed."))];
        }

        try
        {
            await owner.AttemptFinished(outcomes);
        }
        catch (Exception exception)
        {
            // The owner's state is unchanged, so its pending attempt is made again after Outbox:AttemptTimeout.
            LogReportFailed(logger, exception, owner.GetPrimaryKeyString());
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Publishing the events of {OwnerId} failed unexpectedly")]
    private static partial void LogPublisherFailed(ILogger logger, Exception exception, string ownerId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The outcome of publishing the events of {OwnerId} could not be stored; the attempt will be made again")]
    private static partial void LogReportFailed(ILogger logger, Exception exception, string ownerId);
}
