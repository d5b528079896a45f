using System.Diagnostics;
using Amazon.SQS.Model;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using UserManagement.Contracts.Users;
using UserManagement.Ingest.Diagnostics;
using UserManagement.Ingest.Messages;

namespace UserManagement.Ingest.Consumer;

/// <summary>
/// One message from body to outcome: parsed into its CloudEvent, translated into the grain command, sent to the user's
/// grain. Never throws: whatever happens to one message, it has an outcome, and its siblings and the poller go on.
/// The grain stores before it answers, so a message it counted is safe to delete.
/// </summary>
public sealed class OrderMessageHandler(
    IGrainFactory grains, IOptions<IngestOptions> options, ILogger<OrderMessageHandler> logger)
{
    public async Task<MessageOutcome> Handle(string queueName, Message message)
    {
        Activity? activity = null;
        string? eventType = null;
        MessageOutcome outcome;
        try
        {
            var parsed = CloudEventParser.TryParse(message.Body, out var cloudEvent, out var problem);
            eventType = cloudEvent?.EventType;
            activity = IngestTelemetry.StartProcessing(
                queueName, message.MessageId, ReceiveCount.Of(message), cloudEvent, options.Value.UseSpanLink);
            outcome = parsed ? await Decide(message, cloudEvent!) : MessageOutcome.MalformedBody(problem!);
        }
        catch (Exception exception)
        {
            // Reading and translating are total and a failed grain call is caught where it is made, so what arrives
            // here is a fault of this code on this very message: it would fail the same way on every receive.
            IngestLog.MessageUnprocessable(logger, exception, message.MessageId);
            outcome = MessageOutcome.Unprocessable(eventType, exception);
        }

        IngestTelemetry.Finish(activity, outcome);
        return outcome;
    }

    private async Task<MessageOutcome> Decide(Message message, CloudEvent cloudEvent)
    {
        var eventType = cloudEvent.EventType;
        if (!OrderCompletedTranslator.Handles(eventType))
        {
            return MessageOutcome.Skipped(eventType);
        }

        if (!OrderCompletedTranslator.TryTranslate(cloudEvent, out var userId, out var order, out var refusal))
        {
            return refusal;
        }

        OrderRecording recording;
        try
        {
            recording = await grains.GetUser(userId).RecordCompletedOrder(order);
        }
        catch (Exception exception)
        {
            // The cluster unreachable, a timeout, a failed write: all may pass, so the message is released to be tried
            // again; the consumer asks the circuit breaker whether the cluster itself is away.
            var receiveCount = ReceiveCount.Of(message);
            IngestLog.MessageFailed(logger, exception, message.MessageId, eventType, receiveCount, options.Value.RetryDelayAfter(receiveCount));
            return MessageOutcome.Released(eventType, $"the grain call failed with {exception.GetType().Name}");
        }

        IngestLog.OrderRecorded(logger, message.MessageId, eventType, recording.Outcome);
        return recording.Outcome switch
        {
            OrderRecordingOutcome.Counted => MessageOutcome.Counted(eventType),
            OrderRecordingOutcome.AlreadyCounted => MessageOutcome.AlreadyCounted(eventType),
            _ => MessageOutcome.UnknownUser(eventType),
        };
    }
}
