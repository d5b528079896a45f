using Newtonsoft.Json.Linq;
using UserManagement.Infrastructure.Tests.Support;
using static UserManagement.Infrastructure.Tests.Support.TemplateQueries;

namespace UserManagement.Infrastructure.Tests;

[Collection(SynthesizedStackCollection.Name)]
public sealed class OrderCompletedRuleTests(SynthesizedStackFixture fixture)
{
    private readonly SynthesizedStack _stack = fixture.Default;

    private JObject RuleProperties => _stack.PropertiesOf(_stack.Stack.OrderEvents.Rule);

    [Fact]
    public void Rule_listens_on_the_shared_bus_by_default()
    {
        Assert.Equal("shared-events", (string?)RuleProperties["EventBusName"]);
        Assert.Empty(_stack.ResourcesOfType("AWS::Events::EventBus"));
    }

    [Fact]
    public void Rule_matches_both_versions_of_order_completed_from_the_orders_service_and_nothing_else()
    {
        var pattern = (JObject)RuleProperties["EventPattern"]!;

        Assert.Equal(["detail-type", "source"], pattern.Properties().Select(property => property.Name).Order());
        Assert.Equal(
            ["orders.orderCompleted.v1", "orders.orderCompleted.v2"],
            AsStrings(pattern["detail-type"]).Order());
        Assert.Equal(["dev.orders"], AsStrings(pattern["source"]));
    }

    [Fact]
    public void The_orders_source_follows_the_environment()
    {
        var production = StackSynthesizer.Synthesize(new Dictionary<string, object> { ["environmentName"] = "prod" });

        var pattern = (JObject)production.PropertiesOf(production.Stack.OrderEvents.Rule)["EventPattern"]!;
        Assert.Equal(["prod.orders"], AsStrings(pattern["source"]));
    }

    [Fact]
    public void Rule_targets_the_order_events_queue()
    {
        var target = Assert.Single(RuleProperties["Targets"]!);
        var queueId = _stack.LogicalIdOf(_stack.Stack.OrderEvents.Queue);

        Assert.True(JToken.DeepEquals(GetAtt(queueId, "Arn"), target["Arn"]));
    }

    [Fact]
    public void Bus_name_comes_from_context()
    {
        var custom = StackSynthesizer.Synthesize(new Dictionary<string, object> { ["eventBusName"] = "shop-events" });

        Assert.Equal("shop-events", (string?)custom.PropertiesOf(custom.Stack.OrderEvents.Rule)["EventBusName"]);
        Assert.Equal("shop-events", (string?)custom.EnvironmentOf(custom.Stack.Silo)["Events__EventBusName"]);
    }
}
