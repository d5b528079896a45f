using UserManagement.Infrastructure.Tests.Support;

namespace UserManagement.Infrastructure.Tests;

[Collection(SynthesizedStackCollection.Name)]
public sealed class FargateServiceTests(SynthesizedStackFixture fixture)
{
    private readonly SynthesizedStack _stack = fixture.Split;

    private IEnumerable<UserManagementService> Services => [_stack.Stack.Silo, _stack.Stack.Gateway!, _stack.Stack.Ingest!];

    [Fact]
    public void Three_fargate_services_run_in_private_subnets_without_public_ips()
    {
        Assert.Equal(3, _stack.ResourcesOfType("AWS::ECS::Service").Count());
        var privateSubnetIds = _stack.Stack.Network.Vpc.PrivateSubnets.Select(subnet => _stack.LogicalIdOf(subnet)).ToList();

        foreach (var service in Services)
        {
            var properties = _stack.PropertiesOf(service.Service);
            var network = properties["NetworkConfiguration"]!["AwsvpcConfiguration"]!;

            Assert.Equal("FARGATE", (string?)properties["LaunchType"]);
            Assert.Equal("DISABLED", (string?)network["AssignPublicIp"]);
            Assert.Equal(privateSubnetIds.Order(), network["Subnets"]!.Select(subnet => (string)subnet["Ref"]!).Order());
        }
    }

    [Fact]
    public void Each_service_uses_its_own_security_group()
    {
        var expected = new Dictionary<UserManagementService, string>
        {
            [_stack.Stack.Silo] = _stack.LogicalIdOf(_stack.Stack.SecurityGroups.Silo),
            [_stack.Stack.Gateway!] = _stack.LogicalIdOf(_stack.Stack.SecurityGroups.Gateway),
            [_stack.Stack.Ingest!] = _stack.LogicalIdOf(_stack.Stack.SecurityGroups.Ingest),
        };

        foreach (var (service, securityGroupId) in expected)
        {
            var groups = _stack.PropertiesOf(service.Service)["NetworkConfiguration"]!["AwsvpcConfiguration"]!["SecurityGroups"]!;
            Assert.Equal(securityGroupId, (string?)Assert.Single(groups)["Fn::GetAtt"]![0]);
        }
    }

    [Fact]
    public void Failed_deployments_roll_back()
    {
        Assert.All(Services, service =>
        {
            var circuitBreaker = _stack.PropertiesOf(service.Service)["DeploymentConfiguration"]!["DeploymentCircuitBreaker"]!;
            Assert.True((bool?)circuitBreaker["Enable"]);
            Assert.True((bool?)circuitBreaker["Rollback"]);
        });
    }

    [Fact]
    public void Silo_and_gateway_run_two_tasks_and_ingest_one()
    {
        Assert.Equal(2, (int?)_stack.PropertiesOf(_stack.Stack.Silo.Service)["DesiredCount"]);
        Assert.Equal(2, (int?)_stack.PropertiesOf(_stack.Stack.Gateway!.Service)["DesiredCount"]);
        Assert.Equal(1, (int?)_stack.PropertiesOf(_stack.Stack.Ingest!.Service)["DesiredCount"]);
    }

    [Fact]
    public void Ingest_container_is_replaced_when_its_liveness_fails_and_the_others_have_no_container_check()
    {
        var check = _stack.ContainerOf(_stack.Stack.Ingest!)["HealthCheck"]!;
        var command = check["Command"]!.Select(part => (string)part!).ToList();

        Assert.Equal(["CMD", "bash", "-c"], command.Take(3));
        Assert.Contains("GET /health/live", command[3], StringComparison.Ordinal);
        Assert.Contains("/dev/tcp/127.0.0.1/8080", command[3], StringComparison.Ordinal);
        Assert.Null(_stack.ContainerOf(_stack.Stack.Silo)["HealthCheck"]);
        Assert.Null(_stack.ContainerOf(_stack.Stack.Gateway!)["HealthCheck"]);
    }

    [Fact]
    public void Silo_container_exposes_http_silo_and_gateway_ports_the_others_only_http()
    {
        static IEnumerable<int> PortsOf(SynthesizedStack stack, UserManagementService service) =>
            stack.ContainerOf(service)["PortMappings"]!.Select(mapping => (int)mapping["ContainerPort"]!);

        Assert.Equal([8080, 11111, 30000], PortsOf(_stack, _stack.Stack.Silo));
        Assert.Equal([8080], PortsOf(_stack, _stack.Stack.Gateway!));
        Assert.Equal([8080], PortsOf(_stack, _stack.Stack.Ingest!));
    }
}
