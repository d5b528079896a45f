using System.Diagnostics;
using System.Globalization;
using Amazon.SQS;
using Amazon.SQS.Model;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using UserManagement.Ingest.Diagnostics;
using UserManagement.Ingest.Processing;
using UserManagement.Resilience;

namespace UserManagement.Ingest.Consumer;

/// <summary>
/// Consumes the service's SQS queue with long polling. A message is deleted only once its effect is stored, left on the
/// queue after a transient failure, and moved to the dead-letter queue with the reason when it can never succeed. On
/// shutdown it stops receiving, finishes the messages in work and settles them; nothing else is deleted.
/// </summary>
public sealed class OrderEventConsumer(
    IAmazonSQS sqs,
    OrderEventProcessor processor,
    IngestMetrics metrics,
    IOptions<IngestOptions> options,
    ILogger<OrderEventConsumer> logger) : BackgroundService
{
    private static readonly TimeSpan ResolveRetryDelay = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan ReceiveRetryDelay = TimeSpan.FromSeconds(2);

    /// <summary>How logs name the event type of a message whose body could not be read.</summary>
    private const string NoEventType = "no event type";

    private readonly IngestOptions _options = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Each message's span starts its own trace or continues its producer's, never an ambient one.
        Activity.Current = null;
        var queues = await ResolveQueues(stoppingToken);
        if (queues is null)
        {
            return;
        }

        IngestLog.ConsumerStarted(logger, queues.QueueName, _options.Pollers, queues.DeadLetterQueueName);
        await Task.WhenAll(Enumerable.Range(0, _options.Pollers).Select(_ => Poll(queues, stoppingToken)));
        IngestLog.ConsumerStopped(logger, queues.QueueName);
    }

    private async Task<QueueAddresses?> ResolveQueues(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                return await QueueAddressResolver.Resolve(sqs, _options, stoppingToken);
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
        var failedBatchesInARow = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            List<Message> messages;
            try
            {
                var response = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest
                {
                    QueueUrl = queues.QueueUrl,
                    MaxNumberOfMessages = _options.MaxMessages,
                    WaitTimeSeconds = _options.WaitTimeSeconds,
                    VisibilityTimeout = _options.VisibilityTimeoutSeconds,
                    MessageSystemAttributeNames = [ReceiveCount.AttributeName],
                }, stoppingToken);
                messages = response.Messages ?? [];
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                // A receive cut short may still have handed messages out; they reappear after the visibility timeout.
                break;
            }
            catch (Exception exception)
            {
                IngestLog.ReceiveFailed(logger, exception, queues.QueueName, ReceiveRetryDelay);
                await Delay(ReceiveRetryDelay, stoppingToken);
                continue;
            }

            if (messages.Count == 0)
            {
                continue;
            }

            // Not cancelled by shutdown: what was received is finished and settled.
            var outcomes = await ProcessBatch(queues, messages);
            failedBatchesInARow = outcomes.All(outcome => outcome == MessageOutcome.Failed) ? failedBatchesInARow + 1 : 0;
            if (failedBatchesInARow > 0)
            {
                // Nothing succeeds (the cluster is likely down): receiving more now would only use up the messages'
                // receives towards the redrive policy, so this poller pauses, longer each time.
                var pause = RetryDelay(failedBatchesInARow);
                IngestLog.PollerPaused(logger, pause);
                await Delay(pause, stoppingToken);
            }
        }
    }

    private async Task<MessageOutcome[]> ProcessBatch(QueueAddresses queues, List<Message> messages)
    {
        await using var heartbeat = new VisibilityHeartbeat(
            sqs,
            queues.QueueUrl,
            messages,
            TimeSpan.FromSeconds(_options.HeartbeatSeconds),
            TimeSpan.FromSeconds(_options.VisibilityTimeoutSeconds),
            logger);

        var dispositions = await Task.WhenAll(messages.Select(async message =>
        {
            var disposition = await processor.Process(queues.QueueName, message);
            await SettleUnlessDone(queues, message, disposition);
            return (Message: message, Disposition: disposition);
        }));

        var done = dispositions
            .Where(d => d.Disposition.Outcome is MessageOutcome.Processed or MessageOutcome.Skipped)
            .Select(d => d.Message)
            .ToList();
        await Delete(queues, done);

        foreach (var (message, disposition) in dispositions)
        {
            heartbeat.Settled(message);
            metrics.Record(disposition);
            IngestLog.MessageSettled(logger, message.MessageId, disposition.EventType ?? NoEventType, disposition.Outcome);
        }

        return [.. dispositions.Select(d => d.Disposition.Outcome)];
    }

    /// <summary>Dead letters are moved and failures released one by one; the done ones are deleted together afterwards.</summary>
    private async Task SettleUnlessDone(QueueAddresses queues, Message message, MessageDisposition disposition)
    {
        switch (disposition.Outcome)
        {
            case MessageOutcome.Skipped:
                IngestLog.MessageSkipped(logger, message.MessageId, disposition.EventType!);
                break;
            case MessageOutcome.DeadLettered:
                await MoveToDeadLetterQueue(queues, message, disposition);
                break;
            case MessageOutcome.Failed:
                await Release(queues, message);
                break;
        }
    }

    private async Task MoveToDeadLetterQueue(QueueAddresses queues, Message message, MessageDisposition disposition)
    {
        try
        {
            await DeadLetterQueue.Send(sqs, queues, message, disposition, CancellationToken.None);
            IngestLog.MessageDeadLettered(logger, message.MessageId, disposition.EventType ?? NoEventType, disposition.Reason ?? DeadLetterReason.MalformedBody);
        }
        catch (Exception exception)
        {
            // Not deleted: it is received again, and the queue's redrive policy catches it should this keep failing.
            IngestLog.DeadLetterFailed(logger, exception, message.MessageId);
            return;
        }

        // A crash before this delete leaves a copy in both queues; the next receive moves it again. Better twice than never.
        await Delete(queues, [message]);
    }

    /// <summary>Brings a failed message back after a back-off that doubles with each receive, rather than the full visibility timeout.</summary>
    private async Task Release(QueueAddresses queues, Message message)
    {
        try
        {
            var delay = RetryDelay(ReceiveCount.Of(message));
            await sqs.ChangeMessageVisibilityAsync(queues.QueueUrl, message.ReceiptHandle, (int)delay.TotalSeconds, CancellationToken.None);
        }
        catch (Exception exception)
        {
            // It still comes back, only after the visibility timeout.
            IngestLog.VisibilityChangeFailed(logger, exception, 1);
        }
    }

    private async Task Delete(QueueAddresses queues, List<Message> messages)
    {
        if (messages.Count == 0)
        {
            return;
        }

        try
        {
            var response = await sqs.DeleteMessageBatchAsync(new DeleteMessageBatchRequest
            {
                QueueUrl = queues.QueueUrl,
                // Entry ids by position: they must be distinct, and SQS may hand one message out twice in a receive.
                Entries = [.. messages.Select((m, index) => new DeleteMessageBatchRequestEntry(EntryId(index), m.ReceiptHandle))],
            }, CancellationToken.None);
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

    /// <summary>The retry delay doubled for each attempt after the first, capped.</summary>
    private TimeSpan RetryDelay(int attempt) =>
        new Backoff(TimeSpan.FromSeconds(_options.RetryDelaySeconds), TimeSpan.FromSeconds(_options.MaxRetryDelaySeconds))
            .Delay(Math.Max(attempt, 1));

    private static string EntryId(int index) => index.ToString(CultureInfo.InvariantCulture);

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
