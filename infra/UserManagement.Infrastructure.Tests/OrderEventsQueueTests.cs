using Newtonsoft.Json.Linq;
using UserManagement.Infrastructure.Tests.Support;
using static UserManagement.Infrastructure.Tests.Support.TemplateQueries;

namespace UserManagement.Infrastructure.Tests;

[Collection(SynthesizedStackCollection.Name)]
public sealed class OrderEventsQueueTests(SynthesizedStackFixture fixture)
{
    private readonly SynthesizedStack _stack = fixture.Default;

    private string QueueId => _stack.LogicalIdOf(_stack.Stack.OrderEvents.Queue);

    private string DeadLetterQueueId => _stack.LogicalIdOf(_stack.Stack.OrderEvents.DeadLetterQueue);

    [Fact]
    public void Queue_redrives_to_the_dead_letter_queue_after_five_receives()
    {
        var redrivePolicy = _stack.Resource(QueueId)["Properties"]!["RedrivePolicy"]!;

        Assert.Equal(5, (int?)redrivePolicy["maxReceiveCount"]);
        Assert.True(JToken.DeepEquals(GetAtt(DeadLetterQueueId, "Arn"), redrivePolicy["deadLetterTargetArn"]));
    }

    [Fact]
    public void Dead_letter_queue_keeps_messages_for_fourteen_days_and_has_no_redrive_of_its_own()
    {
        var properties = (JObject)_stack.Resource(DeadLetterQueueId)["Properties"]!;

        Assert.Equal(14 * 24 * 3600, (int?)properties["MessageRetentionPeriod"]);
        Assert.Null(properties["RedrivePolicy"]);
    }

    [Fact]
    public void Both_queues_are_encrypted()
    {
        Assert.True((bool?)_stack.Resource(QueueId)["Properties"]!["SqsManagedSseEnabled"]);
        Assert.True((bool?)_stack.Resource(DeadLetterQueueId)["Properties"]!["SqsManagedSseEnabled"]);
    }

    [Fact]
    public void Queue_policy_lets_only_the_order_rule_send_through_eventbridge()
    {
        var ruleId = _stack.LogicalIdOf(_stack.Stack.OrderEvents.Rule);
        var queuePolicy = _stack.ResourcesOfType("AWS::SQS::QueuePolicy")
            .Single(policy => policy.Properties["Queues"]!.Any(queue => IsRefTo(queue, QueueId)));

        var eventBridgeStatement = queuePolicy.Properties["PolicyDocument"]!["Statement"]!
            .Single(statement => (string?)statement["Principal"]?["Service"] == "events.amazonaws.com");

        Assert.Equal("Allow", (string?)eventBridgeStatement["Effect"]);
        Assert.Contains("sqs:SendMessage", AsStrings(eventBridgeStatement["Action"]));
        Assert.True(JToken.DeepEquals(GetAtt(QueueId, "Arn"), eventBridgeStatement["Resource"]));
        Assert.True(JToken.DeepEquals(
            GetAtt(ruleId, "Arn"),
            eventBridgeStatement["Condition"]?["ArnEquals"]?["aws:SourceArn"]));
    }

    [Fact]
    public void Queues_refuse_requests_without_tls()
    {
        foreach (var queueId in new[] { QueueId, DeadLetterQueueId })
        {
            var queuePolicy = _stack.ResourcesOfType("AWS::SQS::QueuePolicy")
                .Single(policy => policy.Properties["Queues"]!.Any(queue => IsRefTo(queue, queueId)));

            Assert.Contains(queuePolicy.Properties["PolicyDocument"]!["Statement"]!, statement =>
                (string?)statement["Effect"] == "Deny"
                && (string?)statement["Condition"]?["Bool"]?["aws:SecureTransport"] == "false");
        }
    }
}
