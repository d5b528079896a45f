using Microsoft.Extensions.Logging;
using UserManagement.Contracts.Users;
using UserManagement.Ingest.Messages;

namespace UserManagement.Ingest.Diagnostics;

/// <summary>The consumer's log lines. Message bodies are never logged (they may hold email addresses): only ids, types, outcomes.</summary>
internal static partial class IngestLog
{
    [LoggerMessage(EventId = 4000, Level = LogLevel.Information, Message = "Consuming {QueueName} with {Pollers} poller(s), dead letters to {DeadLetterQueueName}")]
    public static partial void ConsumerStarted(ILogger logger, string queueName, int pollers, string deadLetterQueueName);

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Stopped consuming {QueueName}; messages in work were finished")]
    public static partial void ConsumerStopped(ILogger logger, string queueName);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning, Message = "The queues could not be resolved; retrying in {RetryDelay}")]
    public static partial void QueueResolutionFailed(ILogger logger, Exception exception, TimeSpan retryDelay);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Warning, Message = "Receiving from {QueueName} failed; retrying in {RetryDelay}")]
    public static partial void ReceiveFailed(ILogger logger, Exception exception, string queueName, TimeSpan retryDelay);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Error, Message = "A poller failed outside the handling of any one message; it goes on in {RetryDelay}")]
    public static partial void PollerFailed(ILogger logger, Exception exception, TimeSpan retryDelay);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Critical, Message = "The order consumer stopped on a fault and consumes no more; /health/live reports it, so the worker is replaced")]
    public static partial void ConsumerFaulted(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4006, Level = LogLevel.Warning, Message = "The cluster does not answer ({Status}); no messages are received until it does, next probe in {RetryDelay}")]
    public static partial void ClusterUnreachable(ILogger logger, string? status, TimeSpan retryDelay);

    [LoggerMessage(EventId = 4007, Level = LogLevel.Information, Message = "The cluster answers again after {Probes} probe(s); receiving resumes")]
    public static partial void ClusterReachable(ILogger logger, int probes);

    [LoggerMessage(EventId = 4010, Level = LogLevel.Debug, Message = "Message {MessageId} ({EventType}): {Fate}")]
    public static partial void MessageSettled(ILogger logger, string messageId, string? eventType, MessageFate fate);

    [LoggerMessage(EventId = 4011, Level = LogLevel.Debug, Message = "Order of message {MessageId} ({EventType}): {RecordingOutcome}")]
    public static partial void OrderRecorded(ILogger logger, string messageId, string eventType, OrderRecordingOutcome recordingOutcome);

    [LoggerMessage(EventId = 4012, Level = LogLevel.Information, Message = "Message {MessageId} skipped: event type {EventType} is not consumed here")]
    public static partial void MessageSkipped(ILogger logger, string messageId, string? eventType);

    [LoggerMessage(EventId = 4013, Level = LogLevel.Warning, Message = "Message {MessageId} ({EventType}) moved to the dead-letter queue: {Reason}, {Detail}")]
    public static partial void MessageDeadLettered(ILogger logger, string messageId, string? eventType, string? reason, string? detail);

    [LoggerMessage(EventId = 4014, Level = LogLevel.Warning, Message = "Message {MessageId} ({EventType}) failed on receive {ReceiveCount}; released to come back in {RetryDelay}")]
    public static partial void MessageFailed(ILogger logger, Exception exception, string messageId, string eventType, int receiveCount, TimeSpan retryDelay);

    [LoggerMessage(EventId = 4015, Level = LogLevel.Error, Message = "Handling message {MessageId} failed in a way that would repeat on every receive; it goes to the dead-letter queue")]
    public static partial void MessageUnprocessable(ILogger logger, Exception exception, string messageId);

    [LoggerMessage(EventId = 4020, Level = LogLevel.Warning, Message = "Deleting message {MessageId} failed ({Code}); it will be received again and recognised as done")]
    public static partial void DeleteFailed(ILogger logger, string messageId, string? code);

    [LoggerMessage(EventId = 4021, Level = LogLevel.Warning, Message = "Deleting a batch of {Count} message(s) failed; they will be received again and recognised as done")]
    public static partial void DeleteBatchFailed(ILogger logger, Exception exception, int count);

    [LoggerMessage(EventId = 4022, Level = LogLevel.Warning, Message = "Moving message {MessageId} to the dead-letter queue failed; it is released to be tried again")]
    public static partial void DeadLetterFailed(ILogger logger, Exception exception, string messageId);

    [LoggerMessage(EventId = 4023, Level = LogLevel.Debug, Message = "Changing the visibility of {Count} message(s) failed")]
    public static partial void VisibilityChangeFailed(ILogger logger, Exception exception, int count);

    [LoggerMessage(EventId = 4024, Level = LogLevel.Debug, Message = "Extended the visibility of {Count} message(s) still in work by {VisibilityTimeout}")]
    public static partial void VisibilityExtended(ILogger logger, int count, TimeSpan visibilityTimeout);
}
