using System.Collections.Concurrent;
using Amazon.SQS;
using Amazon.SQS.Model;
using Microsoft.Extensions.Logging;
using UserManagement.Ingest.Diagnostics;

namespace UserManagement.Ingest.Consumer;

/// <summary>
/// Keeps the messages of one received batch hidden from other consumers while they are worked on: every
/// <paramref name="interval"/> the ones not yet settled get their visibility timeout renewed. Without it a slow grain
/// call would let the message reappear and be worked on twice at once.
/// </summary>
public sealed class VisibilityHeartbeat : IAsyncDisposable
{
    private readonly IAmazonSQS _sqs;
    private readonly string _queueUrl;
    private readonly TimeSpan _visibilityTimeout;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, string> _receiptHandlesInWork = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _beating;

    public VisibilityHeartbeat(
        IAmazonSQS sqs, string queueUrl, IEnumerable<Message> messages, TimeSpan interval, TimeSpan visibilityTimeout, ILogger logger)
    {
        _sqs = sqs;
        _queueUrl = queueUrl;
        _visibilityTimeout = visibilityTimeout;
        _logger = logger;
        foreach (var message in messages)
        {
            _receiptHandlesInWork[message.MessageId] = message.ReceiptHandle;
        }

        _beating = Beat(interval);
    }

    /// <summary>The message is settled (deleted, moved or released): stop extending it.</summary>
    public void Settled(Message message) => _receiptHandlesInWork.TryRemove(message.MessageId, out _);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _beating;
        _stop.Dispose();
    }

    private async Task Beat(TimeSpan interval)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                await ExtendInWork();
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed: the batch is settled.
        }
    }

    private async Task ExtendInWork()
    {
        var inWork = _receiptHandlesInWork.ToArray();
        if (inWork.Length == 0)
        {
            return;
        }

        var seconds = (int)_visibilityTimeout.TotalSeconds;
        try
        {
            // Entries settled meanwhile fail on their own in the batch answer; that is expected and harmless.
            await _sqs.ChangeMessageVisibilityBatchAsync(new ChangeMessageVisibilityBatchRequest
            {
                QueueUrl = _queueUrl,
                Entries = [.. inWork.Select((entry, index) => new ChangeMessageVisibilityBatchRequestEntry
                {
                    Id = index.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    ReceiptHandle = entry.Value,
                    VisibilityTimeout = seconds,
                })],
            }, _stop.Token);
            IngestLog.VisibilityExtended(_logger, inWork.Length, _visibilityTimeout);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            IngestLog.VisibilityChangeFailed(_logger, exception, inWork.Length);
        }
    }
}
