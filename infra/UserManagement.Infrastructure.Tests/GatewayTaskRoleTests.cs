using UserManagement.Infrastructure.Tests.Support;

namespace UserManagement.Infrastructure.Tests;

[Collection(SynthesizedStackCollection.Name)]
public sealed class GatewayTaskRoleTests(SynthesizedStackFixture fixture)
{
    private readonly SynthesizedStack _stack = fixture.Split;

    private string RoleId => _stack.LogicalIdOf(_stack.Stack.Gateway!.TaskRole);

    [Theory]
    [InlineData("dynamodb:")]
    [InlineData("sqs:")]
    [InlineData("events:")]
    [InlineData("secretsmanager:")]
    public void Gateway_task_role_grants_nothing_from_service(string actionPrefix)
    {
        Assert.DoesNotContain(
            _stack.ActionsGrantedTo(RoleId),
            action => action.StartsWith(actionPrefix, StringComparison.Ordinal));
    }

    [Fact]
    public void Gateway_task_role_has_no_policies_at_all()
    {
        var role = _stack.Resource(RoleId)["Properties"]!;

        Assert.Empty(_stack.ActionsGrantedTo(RoleId));
        Assert.Null(role["ManagedPolicyArns"]);
    }

    [Fact]
    public void Gateway_task_role_is_assumed_by_ecs_tasks()
    {
        var statement = _stack.Resource(RoleId)["Properties"]!["AssumeRolePolicyDocument"]!["Statement"]!.Single();

        Assert.Equal("ecs-tasks.amazonaws.com", (string?)statement["Principal"]?["Service"]);
    }
}
