using Amazon.CDK;
using Amazon.CDK.AWS.CloudWatch;
using Amazon.CDK.AWS.CloudWatch.Actions;
using Amazon.CDK.AWS.ElasticLoadBalancingV2;
using Amazon.CDK.AWS.Logs;
using Amazon.CDK.AWS.SNS;
using Amazon.CDK.AWS.SNS.Subscriptions;
using Amazon.CDK.AWS.SQS;
using Constructs;

namespace UserManagement.Infrastructure;

/// <summary>
/// Alarms that need a person: anything in the dead-letter queue, the gateway answering with 5xx, and an outgoing event
/// parked after failing for good.
/// </summary>
public sealed class OperationalAlarms : Construct
{
    /// <summary>The words the silo logs, once per event, when it parks one (see EventOutbox).</summary>
    public const string ParkedEventLogPhrase = "Outbox event parked";

    public const string MetricNamespace = "UserManagement";
    public const string ParkedEventsMetricName = "OutboxEventsParked";

    /// <summary>Percentage of requests the gateway targets may answer with 5xx before the alarm fires.</summary>
    public const double Target5xxRatePercentThreshold = 5;

    public OperationalAlarms(
        Construct scope, string id, IQueue deadLetterQueue, IApplicationLoadBalancer loadBalancer, ILogGroup siloLogGroup, string? alarmEmailAddress)
        : base(scope, id)
    {
        Topic = new Topic(this, "Topic", new TopicProps { DisplayName = "User management alarms" });
        if (alarmEmailAddress is not null)
        {
            Topic.AddSubscription(new EmailSubscription(alarmEmailAddress));
        }

        DeadLetterQueueNotEmpty = new Alarm(this, "DeadLetterQueueNotEmpty", new AlarmProps
        {
            AlarmDescription = "Order events the ingest service could not process are waiting in the dead-letter queue.",
            Metric = deadLetterQueue.MetricApproximateNumberOfMessagesVisible(new MetricOptions
            {
                Period = Duration.Minutes(1),
                Statistic = Stats.MAXIMUM,
            }),
            Threshold = 0,
            ComparisonOperator = ComparisonOperator.GREATER_THAN_THRESHOLD,
            EvaluationPeriods = 1,
            TreatMissingData = TreatMissingData.NOT_BREACHING,
        });

        var period = Duration.Minutes(5);
        var target5xxRate = new MathExpression(new MathExpressionProps
        {
            Label = "Gateway target 5xx rate (%)",
            Expression = "IF(requests > 0, 100 * errors / requests, 0)",
            Period = period,
            UsingMetrics = new Dictionary<string, IMetric>
            {
                ["errors"] = loadBalancer.Metrics.HttpCodeTarget(HttpCodeTarget.TARGET_5XX_COUNT, new MetricOptions { Statistic = Stats.SUM, Period = period }),
                ["requests"] = loadBalancer.Metrics.RequestCount(new MetricOptions { Statistic = Stats.SUM, Period = period }),
            },
        });
        GatewayTarget5xxRate = new Alarm(this, "GatewayTarget5xxRate", new AlarmProps
        {
            AlarmDescription = $"More than {Target5xxRatePercentThreshold}% of gateway responses are 5xx.",
            Metric = target5xxRate,
            Threshold = Target5xxRatePercentThreshold,
            ComparisonOperator = ComparisonOperator.GREATER_THAN_THRESHOLD,
            EvaluationPeriods = 2,
            DatapointsToAlarm = 2,
            TreatMissingData = TreatMissingData.NOT_BREACHING,
        });

        // The services export no metrics to CloudWatch; the silo's log line for a parked event is counted by a metric
        // filter instead, one per event. The outbox's own counter (outbox.events.parked) goes out over OTLP where set.
        ParkedEvents = new MetricFilter(this, "ParkedEventsFilter", new MetricFilterProps
        {
            LogGroup = siloLogGroup,
            FilterPattern = FilterPattern.AllTerms(ParkedEventLogPhrase),
            MetricNamespace = MetricNamespace,
            MetricName = ParkedEventsMetricName,
            MetricValue = "1",
            DefaultValue = 0,
        });
        OutboxEventParked = new Alarm(this, "OutboxEventParked", new AlarmProps
        {
            AlarmDescription = "A user's event could not be published to EventBridge and is parked: find the user in the silo's " +
                $"log ('{ParkedEventLogPhrase}'), fix the cause, then POST /admin/users/{{userId}}/events/republish.",
            Metric = ParkedEvents.Metric(new MetricOptions { Period = Duration.Minutes(5), Statistic = Stats.SUM }),
            Threshold = 0,
            ComparisonOperator = ComparisonOperator.GREATER_THAN_THRESHOLD,
            EvaluationPeriods = 1,
            TreatMissingData = TreatMissingData.NOT_BREACHING,
        });

        var notify = new SnsAction(Topic);
        foreach (var alarm in new[] { DeadLetterQueueNotEmpty, GatewayTarget5xxRate, OutboxEventParked })
        {
            alarm.AddAlarmAction(notify);
            alarm.AddOkAction(notify);
        }
    }

    public Topic Topic { get; }

    public Alarm DeadLetterQueueNotEmpty { get; }

    public Alarm GatewayTarget5xxRate { get; }

    public MetricFilter ParkedEvents { get; }

    public Alarm OutboxEventParked { get; }
}
