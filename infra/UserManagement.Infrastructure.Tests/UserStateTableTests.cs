using Newtonsoft.Json.Linq;
using UserManagement.Infrastructure.Tests.Support;

namespace UserManagement.Infrastructure.Tests;

[Collection(SynthesizedStackCollection.Name)]
public sealed class UserStateTableTests(SynthesizedStackFixture fixture)
{
    private readonly SynthesizedStack _stack = fixture.Default;

    private JObject TableProperties => _stack.PropertiesOf(_stack.Stack.StateTable.Table);

    [Fact]
    public void Table_is_billed_per_request()
    {
        Assert.Equal("PAY_PER_REQUEST", (string?)TableProperties["BillingMode"]);
        Assert.Null(TableProperties["ProvisionedThroughput"]);
    }

    [Fact]
    public void Table_has_point_in_time_recovery()
    {
        Assert.True((bool?)TableProperties["PointInTimeRecoverySpecification"]?["PointInTimeRecoveryEnabled"]);
    }

    [Fact]
    public void Table_key_is_string_pk_without_sort_key()
    {
        var keySchema = Assert.Single(TableProperties["KeySchema"]!);
        Assert.Equal("pk", (string?)keySchema["AttributeName"]);
        Assert.Equal("HASH", (string?)keySchema["KeyType"]);

        var attribute = Assert.Single(TableProperties["AttributeDefinitions"]!);
        Assert.Equal("pk", (string?)attribute["AttributeName"]);
        Assert.Equal("S", (string?)attribute["AttributeType"]);
    }

    [Fact]
    public void Table_is_protected_from_deletion_by_default_and_retained_with_the_stack()
    {
        Assert.True((bool?)TableProperties["DeletionProtectionEnabled"]);
        var table = _stack.Resource(_stack.LogicalIdOf(_stack.Stack.StateTable.Table));
        Assert.Equal("Retain", (string?)table["DeletionPolicy"]);
    }

    [Fact]
    public void Deletion_protection_can_be_switched_off_through_context()
    {
        var unprotected = StackSynthesizer.Synthesize(new Dictionary<string, object> { ["tableDeletionProtection"] = "false" });

        var properties = unprotected.PropertiesOf(unprotected.Stack.StateTable.Table);
        Assert.False((bool?)properties["DeletionProtectionEnabled"]);
    }
}
