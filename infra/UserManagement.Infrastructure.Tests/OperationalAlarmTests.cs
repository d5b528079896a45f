using Newtonsoft.Json.Linq;
using UserManagement.Infrastructure.Tests.Support;
using static UserManagement.Infrastructure.Tests.Support.TemplateQueries;

namespace UserManagement.Infrastructure.Tests;

[Collection(SynthesizedStackCollection.Name)]
public sealed class OperationalAlarmTests(SynthesizedStackFixture fixture)
{
    private readonly SynthesizedStack _stack = fixture.Split;

    private string TopicId => _stack.LogicalIdOf(_stack.Stack.Alarms.Topic);

    [Fact]
    public void Dead_letter_queue_alarm_fires_on_the_first_visible_message()
    {
        var alarm = _stack.PropertiesOf(_stack.Stack.Alarms.DeadLetterQueueNotEmpty);
        var deadLetterQueueId = _stack.LogicalIdOf(_stack.Stack.OrderEvents.DeadLetterQueue);

        Assert.Equal("AWS/SQS", (string?)alarm["Namespace"]);
        Assert.Equal("ApproximateNumberOfMessagesVisible", (string?)alarm["MetricName"]);
        Assert.Equal("GreaterThanThreshold", (string?)alarm["ComparisonOperator"]);
        Assert.Equal(0, (double?)alarm["Threshold"]);
        var dimension = Assert.Single(alarm["Dimensions"]!);
        Assert.Equal("QueueName", (string?)dimension["Name"]);
        Assert.True(JToken.DeepEquals(GetAtt(deadLetterQueueId, "QueueName"), dimension["Value"]));
    }

    [Fact]
    public void Gateway_alarm_watches_the_target_5xx_rate_of_the_load_balancer()
    {
        var alarm = _stack.PropertiesOf(_stack.Stack.Alarms.GatewayTarget5xxRate);
        var metrics = alarm["Metrics"]!;

        Assert.Equal("GreaterThanThreshold", (string?)alarm["ComparisonOperator"]);
        Assert.Equal(OperationalAlarms.Target5xxRatePercentThreshold, (double?)alarm["Threshold"]);
        var metricNames = metrics
            .Select(metric => (string?)metric["MetricStat"]?["Metric"]?["MetricName"])
            .Where(name => name is not null);
        Assert.Equal(["HTTPCode_Target_5XX_Count", "RequestCount"], metricNames.Order());
        Assert.All(
            metrics.Where(metric => metric["MetricStat"] is not null),
            metric => Assert.Equal("AWS/ApplicationELB", (string?)metric["MetricStat"]!["Metric"]!["Namespace"]));
        Assert.Contains(metrics, metric => ((string?)metric["Expression"])?.Contains("errors / requests", StringComparison.Ordinal) == true);
    }

    [Fact]
    public void A_parked_event_is_counted_from_the_silos_log_and_alarms_on_the_first_one()
    {
        var filter = _stack.PropertiesOf(_stack.Stack.Alarms.ParkedEvents);
        var alarm = _stack.PropertiesOf(_stack.Stack.Alarms.OutboxEventParked);

        Assert.True(IsRefTo(filter["LogGroupName"]!, _stack.LogicalIdOf(_stack.Stack.Silo.LogGroup)));
        Assert.Contains("\"Outbox event parked\"", (string?)filter["FilterPattern"], StringComparison.Ordinal);
        var transformation = Assert.Single(filter["MetricTransformations"]!);
        Assert.Equal(("UserManagement", "OutboxEventsParked", "1"), ((string?)transformation["MetricNamespace"], (string?)transformation["MetricName"], (string?)transformation["MetricValue"]));
        Assert.Equal(("UserManagement", "OutboxEventsParked"), ((string?)alarm["Namespace"], (string?)alarm["MetricName"]));
        Assert.Equal(("Sum", 0.0, "GreaterThanThreshold"), ((string?)alarm["Statistic"], (double?)alarm["Threshold"], (string?)alarm["ComparisonOperator"]));
        Assert.Contains("/events/republish", (string?)alarm["AlarmDescription"], StringComparison.Ordinal);
    }

    [Fact]
    public void Every_alarm_notifies_the_alarm_topic()
    {
        foreach (var alarm in new[] { _stack.Stack.Alarms.DeadLetterQueueNotEmpty, _stack.Stack.Alarms.GatewayTarget5xxRate, _stack.Stack.Alarms.OutboxEventParked })
        {
            var properties = _stack.PropertiesOf(alarm);

            Assert.True(IsRefTo(Assert.Single(properties["AlarmActions"]!), TopicId));
            Assert.True(IsRefTo(Assert.Single(properties["OKActions"]!), TopicId));
        }
    }

    [Fact]
    public void Alarm_email_address_from_context_subscribes_to_the_topic()
    {
        Assert.Empty(_stack.ResourcesOfType("AWS::SNS::Subscription"));

        var subscribed = StackSynthesizer.Synthesize(new Dictionary<string, object> { ["topology"] = "split", ["alarmEmailAddress"] = "oncall@shop.example" });

        var subscription = Assert.Single(subscribed.ResourcesOfType("AWS::SNS::Subscription"));
        Assert.Equal("email", (string?)subscription.Properties["Protocol"]);
        Assert.Equal("oncall@shop.example", (string?)subscription.Properties["Endpoint"]);
    }
}
