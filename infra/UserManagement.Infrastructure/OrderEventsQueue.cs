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

    /// <param name="ordersSource">
    /// The <c>source</c> the orders service publishes as, <c>&lt;env&gt;.orders</c>. Only a bus policy that lets no other
    /// principal put events with that source keeps others from posing as it; the rule can only select by it.
    /// </param>
    public OrderEventsQueue(Construct scope, string id, IEventBus sharedBus, string ordersSource)
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
            EventPattern = new EventPattern { Source = [ordersSource], DetailType = OrderCompletedDetailTypes },
            Targets = [new SqsQueue(Queue)],
        });
    }

    public Queue Queue { get; }

    public Queue DeadLetterQueue { get; }

    public Rule Rule { get; }
}
