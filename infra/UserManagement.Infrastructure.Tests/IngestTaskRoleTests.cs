using Newtonsoft.Json.Linq;
using UserManagement.Infrastructure.Tests.Support;
using static UserManagement.Infrastructure.Tests.Support.TemplateQueries;

namespace UserManagement.Infrastructure.Tests;

[Collection(SynthesizedStackCollection.Name)]
public sealed class IngestTaskRoleTests(SynthesizedStackFixture fixture)
{
    private readonly SynthesizedStack _stack = fixture.Split;

    private string RoleId => _stack.LogicalIdOf(_stack.Stack.Ingest!.TaskRole);

    private List<string> ActionsOn(string queueLogicalId) =>
        _stack.StatementsGrantedTo(RoleId)
            .Where(statement => JToken.DeepEquals(GetAtt(queueLogicalId, "Arn"), statement["Resource"]))
            .SelectMany(statement => AsStrings(statement["Action"]))
            .Order()
            .ToList();

    [Fact]
    public void Ingest_consumes_the_order_events_queue()
    {
        var queueId = _stack.LogicalIdOf(_stack.Stack.OrderEvents.Queue);

        Assert.Equal(
            new[]
            {
                "sqs:ChangeMessageVisibility",
                "sqs:DeleteMessage",
                "sqs:GetQueueAttributes",
                "sqs:GetQueueUrl",
                "sqs:ReceiveMessage",
            },
            ActionsOn(queueId));
    }

    [Fact]
    public void Ingest_may_only_send_poison_messages_to_the_dead_letter_queue()
    {
        var deadLetterQueueId = _stack.LogicalIdOf(_stack.Stack.OrderEvents.DeadLetterQueue);

        Assert.Equal(["sqs:SendMessage"], ActionsOn(deadLetterQueueId));
        Assert.Single(_stack.ActionsGrantedTo(RoleId), action => action == "sqs:SendMessage");
    }

    [Theory]
    [InlineData("events:")]
    [InlineData("dynamodb:")]
    [InlineData("secretsmanager:")]
    public void Ingest_task_role_grants_nothing_from_service(string actionPrefix)
    {
        Assert.DoesNotContain(
            _stack.ActionsGrantedTo(RoleId),
            action => action.StartsWith(actionPrefix, StringComparison.Ordinal));
    }

    [Fact]
    public void Every_ingest_statement_names_a_queue_of_this_stack()
    {
        var queueArns = new[] { _stack.Stack.OrderEvents.Queue, _stack.Stack.OrderEvents.DeadLetterQueue }
            .Select(queue => GetAtt(_stack.LogicalIdOf(queue), "Arn"))
            .ToList();

        Assert.All(_stack.StatementsGrantedTo(RoleId), statement =>
            Assert.Contains(queueArns, arn => JToken.DeepEquals(arn, statement["Resource"])));
    }
}
