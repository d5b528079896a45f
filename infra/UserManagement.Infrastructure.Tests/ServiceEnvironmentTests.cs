using Newtonsoft.Json.Linq;
using UserManagement.Infrastructure.Tests.Support;
using static UserManagement.Infrastructure.Tests.Support.TemplateQueries;

namespace UserManagement.Infrastructure.Tests;

[Collection(SynthesizedStackCollection.Name)]
public sealed class ServiceEnvironmentTests(SynthesizedStackFixture fixture)
{
    private readonly SynthesizedStack _stack = fixture.Split;

    private UserManagementService Service(string name) => name switch
    {
        "silo" => _stack.Stack.Silo,
        "gateway" => _stack.Stack.Gateway!,
        "ingest" => _stack.Stack.Ingest!,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown service"),
    };

    [Theory]
    [InlineData("silo")]
    [InlineData("gateway")]
    [InlineData("ingest")]
    public void Every_service_joins_the_same_orleans_cluster_through_redis(string serviceName)
    {
        var environment = _stack.EnvironmentOf(Service(serviceName));
        var replicationGroupId = _stack.Stack.GetLogicalId(_stack.Stack.Membership.ReplicationGroup);

        Assert.Equal("user-management-dev", (string?)environment["Orleans__ClusterId"]);
        Assert.Equal("user-management", (string?)environment["Orleans__ServiceId"]);
        Assert.Equal("Redis", (string?)environment["Orleans__Clustering__ProviderType"]);
        var expectedConnectionString = new JObject
        {
            ["Fn::Join"] = new JArray("", new JArray(GetAtt(replicationGroupId, "PrimaryEndPoint.Address"), ":6379")),
        };
        Assert.True(JToken.DeepEquals(expectedConnectionString, environment["Orleans__Clustering__ConnectionString"]));
    }

    [Theory]
    [InlineData("silo")]
    [InlineData("gateway")]
    [InlineData("ingest")]
    public void Every_service_knows_its_region_port_and_telemetry_name(string serviceName)
    {
        var environment = _stack.EnvironmentOf(Service(serviceName));

        Assert.True(JToken.DeepEquals(Ref("AWS::Region"), environment["AWS_REGION"]));
        Assert.Equal("8080", (string?)environment["ASPNETCORE_HTTP_PORTS"]);
        Assert.Equal($"user-management-{serviceName}", (string?)environment["OTEL_SERVICE_NAME"]);
    }

    [Fact]
    public void Silo_uses_the_provisioned_table_and_publishes_to_the_shared_bus()
    {
        var environment = _stack.EnvironmentOf(_stack.Stack.Silo);

        Assert.Equal("0.0.0.0:11111", (string?)environment["Orleans__Endpoints__SiloListeningEndpoint"]);
        Assert.Equal("0.0.0.0:30000", (string?)environment["Orleans__Endpoints__GatewayListeningEndpoint"]);
        Assert.True(JToken.DeepEquals(Ref(_stack.LogicalIdOf(_stack.Stack.StateTable.Table)), environment["Storage__Users__TableName"]));
        Assert.Equal("false", (string?)environment["Storage__Users__CreateTableIfNotExists"]);
        Assert.True(JToken.DeepEquals(Ref(_stack.LogicalIdOf(_stack.Stack.Reminders.Table)), environment["Reminders__TableName"]));
        Assert.Equal("false", (string?)environment["Reminders__CreateTableIfNotExists"]);
        Assert.Equal("shared-events", (string?)environment["Events__EventBusName"]);
        Assert.Equal("dev.users", (string?)environment["Events__Source"]);
        Assert.Equal("admin@serverless-sample.com", (string?)environment["Admin__EmailAddress"]);
    }

    [Fact]
    public void Gateway_gets_token_issuer_and_audience()
    {
        var environment = _stack.EnvironmentOf(_stack.Stack.Gateway!);

        Assert.Equal("user-management", (string?)environment["Jwt__Issuer"]);
        Assert.Equal("shop", (string?)environment["Jwt__Audience"]);
        Assert.DoesNotContain(environment.Keys, key => key.StartsWith("Storage__", StringComparison.Ordinal));
    }

    [Fact]
    public void Gateway_gets_the_load_balancers_address_as_oauth_issuer_unless_one_is_given()
    {
        var issuer = _stack.EnvironmentOf(_stack.Stack.Gateway!)["OAuth__Issuer"]!;
        var given = StackSynthesizer.Synthesize(new Dictionary<string, object> { ["topology"] = "split", ["oauthIssuer"] = "https://users.shop.example/" });

        Assert.Contains("DNSName", issuer.ToString(), StringComparison.Ordinal);
        Assert.Equal("https://users.shop.example/", (string?)given.EnvironmentOf(given.Stack.Gateway!)["OAuth__Issuer"]);
    }

    [Fact]
    public void Gateway_reads_the_client_address_the_load_balancer_forwards()
    {
        var environment = _stack.EnvironmentOf(_stack.Stack.Gateway!);

        Assert.Equal("true", (string?)environment["ASPNETCORE_FORWARDEDHEADERS_ENABLED"]);
    }

    [Fact]
    public void Ingest_gets_both_queue_urls()
    {
        var environment = _stack.EnvironmentOf(_stack.Stack.Ingest!);

        Assert.True(JToken.DeepEquals(Ref(_stack.LogicalIdOf(_stack.Stack.OrderEvents.Queue)), environment["Ingest__QueueUrl"]));
        Assert.True(JToken.DeepEquals(Ref(_stack.LogicalIdOf(_stack.Stack.OrderEvents.DeadLetterQueue)), environment["Ingest__DeadLetterQueueUrl"]));
    }

    [Fact]
    public void Environment_name_and_parameters_come_from_context()
    {
        var production = StackSynthesizer.Synthesize(new Dictionary<string, object>
        {
            ["topology"] = "split",
            ["environmentName"] = "prod",
            ["adminEmailAddress"] = "ops@shop.example",
            ["jwtIssuer"] = "users.shop.example",
            ["jwtAudience"] = "shop.example",
        });

        Assert.Equal("UserManagement-prod", production.Stack.StackName);
        var silo = production.EnvironmentOf(production.Stack.Silo);
        Assert.Equal("prod.users", (string?)silo["Events__Source"]);
        Assert.Equal("user-management-prod", (string?)silo["Orleans__ClusterId"]);
        Assert.Equal("ops@shop.example", (string?)silo["Admin__EmailAddress"]);
        var gateway = production.EnvironmentOf(production.Stack.Gateway!);
        Assert.Equal("users.shop.example", (string?)gateway["Jwt__Issuer"]);
        Assert.Equal("shop.example", (string?)gateway["Jwt__Audience"]);
    }
}
