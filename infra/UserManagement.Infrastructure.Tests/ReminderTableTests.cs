using Newtonsoft.Json.Linq;
using UserManagement.Infrastructure.Tests.Support;

namespace UserManagement.Infrastructure.Tests;

[Collection(SynthesizedStackCollection.Name)]
public sealed class ReminderTableTests(SynthesizedStackFixture fixture)
{
    private readonly SynthesizedStack _stack = fixture.Default;

    private JObject TableProperties => _stack.PropertiesOf(_stack.Stack.Reminders.Table);

    [Fact]
    public void Table_is_keyed_by_string_pk_and_sk_for_reads_by_hash_range()
    {
        Assert.Equal(
            [("pk", "HASH"), ("sk", "RANGE")],
            TableProperties["KeySchema"]!.Select(key => ((string?)key["AttributeName"], (string?)key["KeyType"])));
        Assert.All(TableProperties["AttributeDefinitions"]!, attribute => Assert.Equal("S", (string?)attribute["AttributeType"]));
    }

    [Fact]
    public void Table_is_billed_per_request_recoverable_and_kept_with_the_stack()
    {
        Assert.Equal("PAY_PER_REQUEST", (string?)TableProperties["BillingMode"]);
        Assert.True((bool?)TableProperties["PointInTimeRecoverySpecification"]?["PointInTimeRecoveryEnabled"]);
        Assert.True((bool?)TableProperties["DeletionProtectionEnabled"]);
        Assert.Equal("Retain", (string?)_stack.Resource(_stack.LogicalIdOf(_stack.Stack.Reminders.Table))["DeletionPolicy"]);
    }
}
