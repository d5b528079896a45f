using Amazon.CDK;
using Amazon.CDK.AWS.Events;
using Amazon.CDK.AWS.Events.Targets;
using Amazon.CDK.AWS.SQS;
using Constructs;

namespace UserManagement.Infrastructure;

/// <summary>
/// Completed-order events from the shared bus, buffered in a queue the ingest service drains. Messages that fail
/// five receives, or that ingest rejects as poison, end up in the dead-letter queue.
/// </summary>
public sealed class OrderEventsQueue : Construct
{
    public const int MaxReceiveCount = 5;

    public static readonly string[] OrderCompletedDetailTypes = ["orders.orderCompleted.v1", "orders.orderCompleted.v2"];

    public OrderEventsQueue(Construct scope, string id, IEventBus sharedBus)
        : base(scope, id)
    {
        DeadLetterQueue = new Queue(this, "DeadLetterQueue", new QueueProps
        {
            RetentionPeriod = Duration.Days(14),
            Encryption = QueueEncryption.SQS_MANAGED,
            EnforceSSL = true,
        });

        Queue = new Queue(this, "Queue", new QueueProps
        {
            VisibilityTimeout = Duration.Seconds(60),
            RetentionPeriod = Duration.Days(4),
            // SQS-managed rather than KMS encryption: with a KMS key the EventBridge target cannot scope the
            // queue policy to the rule's ARN without a circular dependency.
            Encryption = QueueEncryption.SQS_MANAGED,
            EnforceSSL = true,
            DeadLetterQueue = new DeadLetterQueue { Queue = DeadLetterQueue, MaxReceiveCount = MaxReceiveCount },
        });

        // The SQS target also grants events.amazonaws.com SendMessage on the queue, conditioned on this rule's ARN.
        Rule = new Rule(this, "OrderCompletedRule", new RuleProps
        {
            EventBus = sharedBus,
            Description = "Completed orders, counted per user by the user-management ingest service",
            EventPattern = new EventPattern { DetailType = OrderCompletedDetailTypes },
            Targets = [new SqsQueue(Queue)],
        });
    }

    public Queue Queue { get; }

    public Queue DeadLetterQueue { get; }

    public Rule Rule { get; }
}
