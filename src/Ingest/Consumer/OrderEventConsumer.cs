using System.Diagnostics;
using System.Globalization;
using Amazon.SQS;
using Amazon.SQS.Model;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using UserManagement.Ingest.Diagnostics;
using UserManagement.Ingest.Messages;

namespace UserManagement.Ingest.Consumer;

/// <summary>
/// Consumes the service's SQS queue with long polling. Each message gets its outcome from the
/// <see cref="OrderMessageHandler"/> and is settled by it: deleted once its effect is stored or when there is none,
/// moved to the dead-letter queue with the reason when it can never succeed, released to come back after a back-off
/// when the grain could not be reached. While the cluster does not answer, the <see cref="ClusterCircuitBreaker"/>
/// keeps the pollers from receiving. On shutdown it stops receiving, finishes the messages in work and settles them.
/// </summary>
/// <remarks>
/// Nothing a message does can stop a poller: the handler never throws, settling catches its own failures, and each
/// turn of a poller's loop is guarded again. Should a poller or the loop still fault, <see cref="ConsumerLiveness"/>
/// turns <c>/health/live</c> unhealthy and the log says why.
/// </remarks>
public sealed class OrderEventConsumer(
    IAmazonSQS sqs,
    OrderMessageHandler handler,
    ClusterCircuitBreaker breaker,
    ConsumerLiveness liveness,
    IngestMetrics metrics,
    IOptions<IngestOptions> options,
    ILogger<OrderEventConsumer> logger) : BackgroundService
{
    private static readonly TimeSpan ResolveRetryDelay = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan ReceiveRetryDelay = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan PollerRetryDelay = TimeSpan.FromSeconds(5);

    /// <summary>The longest any SQS call but a receive may take; a receive may take its long-polling wait on top.</summary>
    private static readonly TimeSpan SqsCallTimeout = TimeSpan.FromSeconds(10);

    private readonly IngestOptions _options = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            // Each message's span starts its own trace or continues its producer's, never an ambient one.
            Activity.Current = null;
            if (await ResolveQueues(stoppingToken) is not { } queues)
            {
                return;
            }

            IngestLog.ConsumerStarted(logger, queues.QueueName, _options.Pollers, queues.DeadLetterQueueName);
            await Task.WhenAll(Enumerable.Range(0, _options.Pollers).Select(_ => RunPoller(queues, stoppingToken)));
            IngestLog.ConsumerStopped(logger, queues.QueueName);
        }
        catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
        {
            liveness.Faulted(exception);
        }
    }

    private async Task RunPoller(QueueAddresses queues, CancellationToken stoppingToken)
    {
        try
        {
            await Poll(queues, stoppingToken);
        }
        catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
        {
            liveness.Faulted(exception);
        }
    }

    private async Task<QueueAddresses?> ResolveQueues(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                using var timeout = Timeout(SqsCallTimeout, stoppingToken);
                return await QueueAddressResolver.Resolve(sqs, _options, timeout.Token);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                IngestLog.QueueResolutionFailed(logger, exception, ResolveRetryDelay);
                await Delay(ResolveRetryDelay, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        return null;
    }

    private async Task Poll(QueueAddresses queues, CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await breaker.WaitUntilClosed(stoppingToken);
                var messages = await Receive(queues, stoppingToken);
                if (messages.Count == 0)
                {
                    continue;
                }

                // Not cancelled by shutdown: what was received is finished and settled.
                var outcomes = await HandleBatch(queues, messages);
                if (outcomes.Any(outcome => outcome.Fate == MessageFate.Released))
                {
                    breaker.GrainCallFailed(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                // A receive cut short may still have handed messages out; they reappear after the visibility timeout.
                break;
            }
            catch (Exception exception)
            {
                IngestLog.PollerFailed(logger, exception, PollerRetryDelay);
                await Delay(PollerRetryDelay, stoppingToken);
            }
        }
    }

    private async Task<List<Message>> Receive(QueueAddresses queues, CancellationToken stoppingToken)
    {
        try
        {
            using var timeout = Timeout(SqsCallTimeout + _options.WaitTime, stoppingToken);
            var response = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest
            {
                QueueUrl = queues.QueueUrl,
                MaxNumberOfMessages = _options.MaxMessages,
                WaitTimeSeconds = (int)_options.WaitTime.TotalSeconds,
                VisibilityTimeout = (int)_options.VisibilityTimeout.TotalSeconds,
                MessageSystemAttributeNames = [ReceiveCount.AttributeName],
            }, timeout.Token);
            return response.Messages ?? [];
        }
        catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
        {
            IngestLog.ReceiveFailed(logger, exception, queues.QueueName, ReceiveRetryDelay);
            await Delay(ReceiveRetryDelay, stoppingToken);
            return [];
        }
    }

    private async Task<MessageOutcome[]> HandleBatch(QueueAddresses queues, List<Message> messages)
    {
        await using var heartbeat = new VisibilityHeartbeat(
            sqs,
            queues.QueueUrl,
            messages,
            _options.Heartbeat,
            _options.VisibilityTimeout,
            logger);

        var outcomes = await Task.WhenAll(messages.Select(async message =>
        {
            var outcome = await handler.Handle(queues.QueueName, message);
            return outcome.Fate switch
            {
                MessageFate.DeadLettered => await MoveToDeadLetterQueue(queues, message, outcome, heartbeat),
                MessageFate.Released => await Release(queues, message, outcome, heartbeat),
                _ => outcome,
            };
        }));

        // The done ones are deleted together, once the batch is through.
        var done = messages.Where((_, index) => outcomes[index].IsDone).ToList();
        foreach (var message in done)
        {
            await heartbeat.Settle(message);
        }

        await Delete(queues, done);
        for (var index = 0; index < messages.Count; index++)
        {
            var (message, outcome) = (messages[index], outcomes[index]);
            metrics.Record(outcome);
            if (outcome.Fate == MessageFate.Skipped)
            {
                IngestLog.MessageSkipped(logger, message.MessageId, outcome.EventType);
            }

            IngestLog.MessageSettled(logger, message.MessageId, outcome.EventType, outcome.Fate);
        }

        return outcomes;
    }

    private async Task<MessageOutcome> MoveToDeadLetterQueue(
        QueueAddresses queues, Message message, MessageOutcome outcome, VisibilityHeartbeat heartbeat)
    {
        try
        {
            using var timeout = Timeout(SqsCallTimeout, CancellationToken.None);
            await DeadLetterQueue.Send(sqs, queues, message, outcome, timeout.Token);
        }
        catch (Exception exception)
        {
            IngestLog.DeadLetterFailed(logger, exception, message.MessageId);
            return await Release(queues, message, MessageOutcome.Released(outcome.EventType, "the dead-letter queue did not take it"), heartbeat);
        }

        IngestLog.MessageDeadLettered(logger, message.MessageId, outcome.EventType, outcome.Reason, outcome.Detail);

        // A crash before this delete leaves a copy in both queues; the next receive moves it again. Better twice than never.
        await heartbeat.Settle(message);
        await Delete(queues, [message]);
        return outcome;
    }

    /// <summary>Brings a message back after a back-off that doubles with each receive, rather than after the visibility timeout.</summary>
    private async Task<MessageOutcome> Release(QueueAddresses queues, Message message, MessageOutcome outcome, VisibilityHeartbeat heartbeat)
    {
        await heartbeat.Settle(message);
        try
        {
            // SQS takes whole seconds, up to 12 hours.
            var seconds = (int)Math.Min(Math.Ceiling(_options.RetryDelayAfter(ReceiveCount.Of(message)).TotalSeconds), 43_200);
            using var timeout = Timeout(SqsCallTimeout, CancellationToken.None);
            await sqs.ChangeMessageVisibilityAsync(queues.QueueUrl, message.ReceiptHandle, seconds, timeout.Token);
        }
        catch (Exception exception)
        {
            // It still comes back, only after the visibility timeout.
            IngestLog.VisibilityChangeFailed(logger, exception, 1);
        }

        return outcome;
    }

    private async Task Delete(QueueAddresses queues, List<Message> messages)
    {
        if (messages.Count == 0)
        {
            return;
        }

        try
        {
            using var timeout = Timeout(SqsCallTimeout, CancellationToken.None);
            var response = await sqs.DeleteMessageBatchAsync(new DeleteMessageBatchRequest
            {
                QueueUrl = queues.QueueUrl,
                // Entry ids by position: they must be distinct, and SQS may hand one message out twice in a receive.
                Entries = [.. messages.Select((m, index) => new DeleteMessageBatchRequestEntry(EntryId(index), m.ReceiptHandle))],
            }, timeout.Token);
            foreach (var failure in response.Failed ?? [])
            {
                IngestLog.DeleteFailed(logger, messages[int.Parse(failure.Id, CultureInfo.InvariantCulture)].MessageId, failure.Code);
            }
        }
        catch (Exception exception)
        {
            IngestLog.DeleteBatchFailed(logger, exception, messages.Count);
        }
    }

    private static string EntryId(int index) => index.ToString(CultureInfo.InvariantCulture);

    private static CancellationTokenSource Timeout(TimeSpan timeout, CancellationToken stoppingToken)
    {
        var source = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        source.CancelAfter(timeout);
        return source;
    }

    private static async Task Delay(TimeSpan delay, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(delay, stoppingToken);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }
}
