using System.Globalization;
using Amazon.SQS;
using Amazon.SQS.Model;
using UserManagement.Ingest.Processing;

namespace UserManagement.Ingest.Consumer;

/// <summary>
/// Moves a message that can never succeed to the dead-letter queue: its original body, with attributes saying why and
/// where it came from, so it can be inspected and redriven once the cause is fixed.
/// </summary>
public static class DeadLetterQueue
{
    public const string ReasonAttribute = "DeadLetterReason";
    public const string SourceQueueAttribute = "SourceQueue";
    public const string SourceMessageIdAttribute = "SourceMessageId";
    public const string EventTypeAttribute = "EventType";
    public const string ReceiveCountAttribute = "ReceiveCount";

    public static async Task Send(
        IAmazonSQS sqs, QueueAddresses queues, Message message, MessageDisposition disposition, CancellationToken cancellationToken)
    {
        var attributes = new Dictionary<string, MessageAttributeValue>(StringComparer.Ordinal)
        {
            [ReasonAttribute] = Text((disposition.Reason ?? DeadLetterReason.MalformedBody).ToString()),
            [SourceQueueAttribute] = Text(queues.QueueName),
            [SourceMessageIdAttribute] = Text(message.MessageId),
            [ReceiveCountAttribute] = new() { DataType = "Number", StringValue = ReceiveCount.Of(message).ToString(CultureInfo.InvariantCulture) },
        };
        if (!string.IsNullOrEmpty(disposition.EventType))
        {
            attributes[EventTypeAttribute] = Text(disposition.EventType);
        }

        await sqs.SendMessageAsync(new SendMessageRequest
        {
            QueueUrl = queues.DeadLetterQueueUrl,
            MessageBody = message.Body,
            MessageAttributes = attributes,
        }, cancellationToken);
    }

    private static MessageAttributeValue Text(string value) => new() { DataType = "String", StringValue = value };
}
