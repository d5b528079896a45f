using System.Globalization;
using Amazon.SQS;
using Amazon.SQS.Model;
using UserManagement.Ingest.Messages;

namespace UserManagement.Ingest.Consumer;

/// <summary>
/// Moves a message that can never succeed to the dead-letter queue: its original body, with attributes saying why and
/// where it came from, so it can be inspected and redriven once the cause is fixed.
/// </summary>
public static class DeadLetterQueue
{
    public const string ReasonAttribute = "DeadLetterReason";
    public const string DetailAttribute = "DeadLetterDetail";
    public const string SourceQueueAttribute = "SourceQueue";
    public const string SourceMessageIdAttribute = "SourceMessageId";
    public const string EventTypeAttribute = "EventType";
    public const string ReceiveCountAttribute = "ReceiveCount";

    /// <summary>An event type longer than this is the producer's mistake, not worth an attribute.</summary>
    private const int MaxEventTypeLength = 256;

    public static async Task Send(
        IAmazonSQS sqs, QueueAddresses queues, Message message, MessageOutcome outcome, CancellationToken cancellationToken)
    {
        var attributes = new Dictionary<string, MessageAttributeValue>(StringComparer.Ordinal)
        {
            [ReasonAttribute] = Text(outcome.Reason ?? nameof(MessageOutcome.MalformedBody)),
            [SourceQueueAttribute] = Text(queues.QueueName),
            [SourceMessageIdAttribute] = Text(message.MessageId),
            [ReceiveCountAttribute] = new() { DataType = "Number", StringValue = ReceiveCount.Of(message).ToString(CultureInfo.InvariantCulture) },
        };
        if (!string.IsNullOrEmpty(outcome.Detail))
        {
            attributes[DetailAttribute] = Text(outcome.Detail);
        }

        // The event type is the producer's text: only one SQS takes as an attribute value, or the move would fail.
        if (outcome.EventType is { Length: > 0 and <= MaxEventTypeLength } eventType && eventType.All(IsAllowedBySqs))
        {
            attributes[EventTypeAttribute] = Text(eventType);
        }

        await sqs.SendMessageAsync(new SendMessageRequest
        {
            QueueUrl = queues.DeadLetterQueueUrl,
            MessageBody = message.Body,
            MessageAttributes = attributes,
        }, cancellationToken);
    }

    /// <summary>The characters SQS accepts in bodies and attributes: tab, line breaks, and the rest above U+001F but U+FFFE and U+FFFF.</summary>
    private static bool IsAllowedBySqs(char c) => c is '\t' or '\n' or '\r' or (>= ' ' and < '\uFFFE');

    private static MessageAttributeValue Text(string value) => new() { DataType = "String", StringValue = value };
}
