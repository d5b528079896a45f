using Amazon.DynamoDBv2.Model;
using UserManagement.Contracts.Users;
using UserManagement.Tests.Builders;
using UserManagement.Tests.Persistence;

namespace UserManagement.Tests.Ingest;

/// <summary>
/// What a user remembers of its counted orders, as stored in DynamoDB: a fixed size per order whatever the ids, and
/// users stored before orders were remembered by time still recognise theirs.
/// </summary>
[Collection(DynamoDBCollection.Name)]
public sealed class RememberedOrdersTests(DynamoDBFixture dynamo)
{
    private const string StateName = "user";

    [Fact]
    public async Task Each_order_costs_the_user_the_same_few_bytes_however_long_its_id()
    {
        const int orders = 300;
        var registration = A.Registration();
        var user = dynamo.Grains.GetUserByEmailAddress(registration.EmailAddress);
        await user.Register(registration.Build());

        for (var i = 0; i < orders; i++)
        {
            await user.RecordCompletedOrder(new CompletedOrder($"{i:D6}-{new string('x', 249)}"));
        }

        var state = (await Item(dynamo.ServiceId, user))["state"].M;
        Assert.Equal(orders * 16, state["RecentOrders"].S.Length);
        Assert.Equal(orders, (await user.GetDetails())!.OrderCount);
    }

    [Fact]
    public async Task Order_ids_stored_the_old_way_are_still_recognised_and_move_to_the_new_form_with_the_next_order()
    {
        var builder = dynamo.NewCluster();
        var registration = A.Registration();
        GrainId grainId;
        await using (var before = await builder.StartAsync())
        {
            var user = before.GrainFactory.GetUserByEmailAddress(registration.EmailAddress);
            await user.Register(registration.Build());
            grainId = user.GetGrainId();
        }

        // The item as the service wrote it before: the last order ids counted, as given, and no remembered orders.
        var item = (await dynamo.Client.GetAsync(DynamoDBFixture.TableName, StoredItems.KeyOf(builder.ServiceId, StateName, grainId)))!;
        var state = item["state"].M;
        state.Remove("RecentOrders");
        state["CountedOrderIds"] = new AttributeValue { L = [new() { S = "legacy-1" }, new() { S = "legacy-2" }] };
        state["OrderCount"] = new AttributeValue { N = "2" };
        await dynamo.Client.PutItemAsync(new PutItemRequest { TableName = DynamoDBFixture.TableName, Item = item });

        await using var after = await dynamo.NewCluster().WithServiceId(builder.ServiceId).StartAsync();
        var restarted = after.GrainFactory.GetUserByEmailAddress(registration.EmailAddress);

        Assert.Equal(OrderRecordingOutcome.AlreadyCounted, (await restarted.RecordCompletedOrder(new CompletedOrder("legacy-1"))).Outcome);
        Assert.Equal(OrderRecordingOutcome.Counted, (await restarted.RecordCompletedOrder(new CompletedOrder("new-1"))).Outcome);
        Assert.Equal(OrderRecordingOutcome.AlreadyCounted, (await restarted.RecordCompletedOrder(new CompletedOrder("legacy-2"))).Outcome);
        Assert.Equal(3, (await restarted.GetDetails())!.OrderCount);
        var migrated = (await Item(builder.ServiceId, restarted))["state"].M;
        Assert.False(migrated.ContainsKey("CountedOrderIds"));
        Assert.Equal(3 * 16, migrated["RecentOrders"].S.Length);
    }

    private async Task<Dictionary<string, AttributeValue>> Item(string serviceId, IUserGrain user) =>
        (await dynamo.Client.GetAsync(DynamoDBFixture.TableName, StoredItems.KeyOf(serviceId, StateName, user.GetGrainId())))!;
}
