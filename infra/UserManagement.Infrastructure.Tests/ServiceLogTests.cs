using UserManagement.Infrastructure.Tests.Support;
using static UserManagement.Infrastructure.Tests.Support.TemplateQueries;

namespace UserManagement.Infrastructure.Tests;

[Collection(SynthesizedStackCollection.Name)]
public sealed class ServiceLogTests(SynthesizedStackFixture fixture)
{
    private readonly SynthesizedStack _stack = fixture.Split;

    private IEnumerable<UserManagementService> Services => [_stack.Stack.Silo, _stack.Stack.Gateway!, _stack.Stack.Ingest!];

    [Fact]
    public void Each_service_logs_to_its_own_log_group_through_awslogs()
    {
        foreach (var service in Services)
        {
            var logConfiguration = _stack.ContainerOf(service)["LogConfiguration"]!;

            Assert.Equal("awslogs", (string?)logConfiguration["LogDriver"]);
            Assert.True(IsRefTo(logConfiguration["Options"]!["awslogs-group"]!, _stack.LogicalIdOf(service.LogGroup)));
        }

        Assert.Equal(3, _stack.ResourcesOfType("AWS::Logs::LogGroup").Count());
    }

    [Fact]
    public void Log_groups_expire_after_a_month_and_survive_stack_deletion()
    {
        foreach (var service in Services)
        {
            var logGroup = _stack.Resource(_stack.LogicalIdOf(service.LogGroup));

            Assert.Equal(30, (int?)logGroup["Properties"]!["RetentionInDays"]);
            Assert.Equal("Retain", (string?)logGroup["DeletionPolicy"]);
        }
    }
}
