using System.Diagnostics;
using Amazon.SQS.Model;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using UserManagement.Grains.Users;
using UserManagement.Ingest.Diagnostics;
using UserManagement.Ingest.Envelopes;
using UserManagement.Ingest.Orders;

namespace UserManagement.Ingest.Processing;

/// <summary>
/// Decides what becomes of one message: unwraps it, translates it, and has the user's grain record the order. The
/// grain stores the order before it answers, so a <see cref="MessageOutcome.Processed"/> message is safe to delete.
/// </summary>
public sealed class OrderEventProcessor(IGrainFactory grains, IOptions<IngestOptions> options, ILogger<OrderEventProcessor> logger)
{
    public async Task<MessageDisposition> Process(string queueName, Message message)
    {
        var reading = EnvelopeReader.Read(message.Body);
        using var activity = IngestTelemetry.StartProcessing(queueName, message, reading.Event, options.Value.UseSpanLink);
        var disposition = await Decide(message, reading);
        if (disposition.Outcome is MessageOutcome.DeadLettered or MessageOutcome.Failed)
        {
            activity?.SetStatus(ActivityStatusCode.Error, disposition.Reason?.ToString() ?? "transient failure");
        }

        activity?.SetTag("user_management.ingest.outcome", disposition.Outcome.ToString());
        return disposition;
    }

    private async Task<MessageDisposition> Decide(Message message, EnvelopeReading reading)
    {
        if (reading.Event is not { } inboundEvent)
        {
            return MessageDisposition.DeadLettered(null, reading.Failure ?? DeadLetterReason.MalformedBody);
        }

        var eventType = inboundEvent.EventType;
        if (!OrderCompletedTranslator.Handles(eventType))
        {
            return MessageDisposition.Skipped(eventType);
        }

        var translation = OrderCompletedTranslator.Translate(inboundEvent);
        if (translation.Command is not { } command)
        {
            return MessageDisposition.DeadLettered(eventType, translation.Failure ?? DeadLetterReason.MalformedBody);
        }

        OrderRecording recording;
        try
        {
            recording = await grains.GetUser(command.UserId).RecordCompletedOrder(command.Order);
        }
        catch (Exception exception)
        {
            // The cluster being unavailable, a timeout, a failed write: all may pass, so the message is tried again.
            // One that keeps failing reaches the queue's own dead-letter queue through its redrive policy.
            IngestLog.MessageFailed(logger, exception, message.MessageId, eventType, ReceiveCount.Of(message));
            return MessageDisposition.Failed(eventType);
        }

        IngestLog.OrderRecorded(logger, message.MessageId, eventType, recording.Outcome);
        return recording.Outcome == OrderRecordingOutcome.UnknownUser
            ? MessageDisposition.DeadLettered(eventType, DeadLetterReason.UnknownUser)
            : MessageDisposition.Processed(eventType);
    }
}
