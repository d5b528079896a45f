using System.Globalization;
using Amazon.SQS;
using Amazon.SQS.Model;
using Microsoft.Extensions.Logging;
using UserManagement.Ingest.Diagnostics;

namespace UserManagement.Ingest.Consumer;

/// <summary>
/// Keeps the messages of one received batch hidden from other consumers while they are worked on: every interval the
/// ones not yet settled get their visibility timeout renewed. Without it a slow grain call would let the message
/// reappear and be worked on twice at once.
/// </summary>
/// <remarks>
/// A message leaves the heartbeat the moment it is settled, and settling waits for an extension under way: so the
/// settlement (a release with its back-off, a move, a delete) is the last word on the message's visibility, and a slow
/// sibling in the batch never shortens a released message's back-off to the visibility timeout.
/// </remarks>
public sealed class VisibilityHeartbeat : IAsyncDisposable
{
    private readonly IAmazonSQS _sqs;
    private readonly string _queueUrl;
    private readonly TimeSpan _interval;
    private readonly TimeSpan _visibilityTimeout;
    private readonly ILogger _logger;
    private readonly HashSet<string> _receiptHandlesInWork = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _extending = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly PeriodicTimer _timer;
    private readonly Task _beating;

    public VisibilityHeartbeat(
        IAmazonSQS sqs, string queueUrl, IEnumerable<Message> messages, TimeSpan interval, TimeSpan visibilityTimeout, ILogger logger)
    {
        _sqs = sqs;
        _queueUrl = queueUrl;
        _interval = interval;
        _visibilityTimeout = visibilityTimeout;
        _logger = logger;
        _receiptHandlesInWork.UnionWith(messages.Select(message => message.ReceiptHandle));
        _timer = new PeriodicTimer(interval);
        _beating = Beat();
    }

    /// <summary>Stops extending the message, after any extension under way; call it before settling the message.</summary>
    public async Task Settle(Message message)
    {
        await _extending.WaitAsync();
        try
        {
            _receiptHandlesInWork.Remove(message.ReceiptHandle);
        }
        finally
        {
            _extending.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        // A disposed timer ends the wait for its next tick with false; cancelling the wait would throw, once a batch.
        _timer.Dispose();
        await _stop.CancelAsync();
        await _beating;
        _stop.Dispose();
        _extending.Dispose();
    }

    private async Task Beat()
    {
        try
        {
            while (await _timer.WaitForNextTickAsync())
            {
                await ExtendInWork();
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException || _stop.IsCancellationRequested)
        {
            // Disposed: the batch is settled.
        }
    }

    private async Task ExtendInWork()
    {
        await _extending.WaitAsync(_stop.Token);
        try
        {
            if (_receiptHandlesInWork.Count == 0)
            {
                return;
            }

            // A slow extension still keeps the messages hidden if it lands before the last one runs out, which is
            // the visibility timeout less the interval away at most; cut off at the interval, an SQS slower than the
            // heartbeat would never extend anything. Longer than that, a hung call would only hold up the settlements.
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
            timeout.CancelAfter(_visibilityTimeout - _interval);
            await _sqs.ChangeMessageVisibilityBatchAsync(new ChangeMessageVisibilityBatchRequest
            {
                QueueUrl = _queueUrl,
                Entries = [.. _receiptHandlesInWork.Select((receiptHandle, index) => new ChangeMessageVisibilityBatchRequestEntry
                {
                    Id = index.ToString(CultureInfo.InvariantCulture),
                    ReceiptHandle = receiptHandle,
                    VisibilityTimeout = (int)_visibilityTimeout.TotalSeconds,
                })],
            }, timeout.Token);
            IngestLog.VisibilityExtended(_logger, _receiptHandlesInWork.Count, _visibilityTimeout);
        }
        catch (Exception exception) when (!_stop.IsCancellationRequested)
        {
            IngestLog.VisibilityChangeFailed(_logger, exception, _receiptHandlesInWork.Count);
        }
        finally
        {
            _extending.Release();
        }
    }
}
