using Newtonsoft.Json.Linq;
using UserManagement.Infrastructure.Tests.Support;
using static UserManagement.Infrastructure.Tests.Support.TemplateQueries;

namespace UserManagement.Infrastructure.Tests;

[Collection(SynthesizedStackCollection.Name)]
public sealed class SiloTaskRoleTests(SynthesizedStackFixture fixture)
{
    private readonly SynthesizedStack _stack = fixture.Split;

    private string RoleId => _stack.LogicalIdOf(_stack.Stack.Silo.TaskRole);

    [Fact]
    public void Silo_reads_and_writes_grain_state_on_its_table_only()
    {
        var statement = Assert.Single(DynamoDBStatementsOn(_stack.Stack.StateTable.Table));

        // Every write of the grain storage is a whole-item put, a clear included (it leaves a tombstone).
        Assert.Equal(
            new[] { "dynamodb:DescribeTable", "dynamodb:GetItem", "dynamodb:PutItem" },
            AsStrings(statement["Action"]).Order());
    }

    [Fact]
    public void Silo_keeps_its_reminders_in_the_reminder_table_with_queries_but_no_scans()
    {
        var statement = Assert.Single(DynamoDBStatementsOn(_stack.Stack.Reminders.Table));

        Assert.Equal(
            new[] { "dynamodb:DeleteItem", "dynamodb:DescribeTable", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query" },
            AsStrings(statement["Action"]).Order());
        Assert.Equal(2, DynamoDBStatements().Count);
        Assert.DoesNotContain("dynamodb:Scan", _stack.ActionsGrantedTo(RoleId));
    }

    [Fact]
    public void Silo_publishes_events_to_the_shared_bus_only()
    {
        var eventStatements = _stack.StatementsGrantedTo(RoleId)
            .Where(statement => AsStrings(statement["Action"]).Any(action => action.StartsWith("events:", StringComparison.Ordinal)))
            .ToList();

        var statement = Assert.Single(eventStatements);
        Assert.Equal(["events:PutEvents"], AsStrings(statement["Action"]));
        var resource = statement["Resource"]!.ToString(Newtonsoft.Json.Formatting.None);
        Assert.EndsWith(":event-bus/shared-events\"]]}", resource, StringComparison.Ordinal);
    }

    private List<JObject> DynamoDBStatements() =>
    [
        .. _stack.StatementsGrantedTo(RoleId)
            .Where(statement => AsStrings(statement["Action"]).Any(action => action.StartsWith("dynamodb:", StringComparison.Ordinal))),
    ];

    private List<JObject> DynamoDBStatementsOn(Amazon.CDK.AWS.DynamoDB.Table table) =>
        [.. DynamoDBStatements().Where(statement => JToken.DeepEquals(GetAtt(_stack.LogicalIdOf(table), "Arn"), statement["Resource"]))];

    [Fact]
    public void Silo_has_no_queue_access_and_no_wildcard_actions()
    {
        var actions = _stack.ActionsGrantedTo(RoleId);

        Assert.DoesNotContain(actions, action => action.StartsWith("sqs:", StringComparison.Ordinal));
        Assert.DoesNotContain(actions, action => action.Contains('*', StringComparison.Ordinal));
    }
}
