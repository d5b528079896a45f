using Newtonsoft.Json.Linq;
using UserManagement.Infrastructure.Tests.Support;
using static UserManagement.Infrastructure.Tests.Support.TemplateQueries;

namespace UserManagement.Infrastructure.Tests;

/// <summary>The default deployment: silos that serve the API behind the load balancer and consume the order queue.</summary>
[Collection(SynthesizedStackCollection.Name)]
public sealed class CoHostedTopologyTests(SynthesizedStackFixture fixture)
{
    private readonly SynthesizedStack _stack = fixture.Default;

    [Fact]
    public void Only_the_silo_service_runs()
    {
        var services = _stack.ResourcesOfType("AWS::ECS::Service").ToList();

        Assert.Null(_stack.Stack.Gateway);
        Assert.Null(_stack.Stack.Ingest);
        Assert.Same(_stack.Stack.Silo, _stack.Stack.Api);
        Assert.Equal([_stack.LogicalIdOf(_stack.Stack.Silo.Service)], services.Select(service => service.LogicalId));
    }

    [Fact]
    public void The_silo_service_is_the_load_balancers_target()
    {
        var silo = _stack.PropertiesOf(_stack.Stack.Silo.Service);
        var registration = Assert.Single(silo["LoadBalancers"]!);

        Assert.Equal(8080, (int?)registration["ContainerPort"]);
        Assert.True(IsRefTo(registration["TargetGroupArn"]!, _stack.LogicalIdOf(_stack.Stack.LoadBalancer.TargetGroup)));
    }

    [Fact]
    public void The_silo_serves_the_API_and_consumes_the_queue_with_their_settings_and_secrets()
    {
        var environment = _stack.EnvironmentOf(_stack.Stack.Silo);
        var secrets = _stack.SecretsOf(_stack.Stack.Silo);

        Assert.Equal("true", (string?)environment["CoHosting__Api"]);
        Assert.Equal("true", (string?)environment["CoHosting__Ingest"]);
        Assert.Equal("user-management-silo", (string?)environment["OTEL_SERVICE_NAME"]);
        Assert.Equal("user-management", (string?)environment["Jwt__Issuer"]);
        Assert.True(environment.ContainsKey("OAuth__Issuer"));
        Assert.True(IsRefTo(environment["Ingest__QueueUrl"], _stack.LogicalIdOf(_stack.Stack.OrderEvents.Queue)));
        Assert.Contains("Jwt__Secret", secrets.Keys);
        Assert.Contains("OAuth__KeySecret", secrets.Keys);
        Assert.Contains("Admin__Password", secrets.Keys);
    }

    [Fact]
    public void The_silos_role_may_consume_the_queue_and_dead_letter_poison()
    {
        var actions = _stack.ActionsGrantedTo(_stack.LogicalIdOf(_stack.Stack.Silo.TaskRole));

        Assert.Contains("sqs:ReceiveMessage", actions);
        Assert.Contains("sqs:DeleteMessage", actions);
        Assert.Contains("sqs:SendMessage", actions);
        Assert.Contains("dynamodb:PutItem", actions);
    }

    [Fact]
    public void In_the_split_topology_a_silo_neither_serves_the_API_nor_consumes()
    {
        var environment = fixture.Split.EnvironmentOf(fixture.Split.Stack.Silo);

        Assert.Equal("false", (string?)environment["CoHosting__Api"]);
        Assert.Equal("false", (string?)environment["CoHosting__Ingest"]);
        Assert.NotNull(fixture.Split.Stack.Gateway);
        Assert.NotNull(fixture.Split.Stack.Ingest);
    }
}
