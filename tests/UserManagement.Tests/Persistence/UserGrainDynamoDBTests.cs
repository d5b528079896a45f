using UserManagement.Contracts.Users;
using UserManagement.Tests.Builders;
using UserManagement.Grains.Users;

namespace UserManagement.Tests.Persistence;

/// <summary>The production user grain on the DynamoDB storage: users, credentials and order counts as stored items.</summary>
[Collection(DynamoDBCollection.Name)]
public sealed class UserGrainDynamoDBTests(DynamoDBFixture dynamo)
{
    private const string StateName = "user";

    [Fact]
    public async Task A_registered_user_with_orders_is_one_readable_item()
    {
        var registration = A.Registration().WithFirstName("Ada").WithLastName("Lovelace");
        var user = dynamo.Grains.GetUserByEmailAddress(registration.EmailAddress);

        await user.Register(registration.Build());
        await user.RecordCompletedOrder(new CompletedOrder("order-1"));
        await user.RecordCompletedOrder(new CompletedOrder("order-2"));
        await user.RecordCompletedOrder(new CompletedOrder("order-1"));

        var item = await StoredOnceEventsArePublished(user);
        Assert.NotNull(item);
        Assert.Equal("user", item["grainType"].S);
        Assert.Equal("4", item["version"].N); // registered, event published, two orders counted
        var state = item["state"].M;
        Assert.Equal(EmailAddress.Normalize(registration.EmailAddress), state["EmailAddress"].S);
        Assert.Equal("Ada", state["FirstName"].S);
        Assert.Equal("Lovelace", state["LastName"].S);
        Assert.Equal("Standard", state["Tier"].S);
        Assert.Equal("2", state["OrderCount"].N);
        Assert.Equal(2 * RecentOrders.EntryBytes, Convert.FromBase64String(state["RecentOrders"].S).Length);
        Assert.False(state.ContainsKey("CountedOrderIds"));
        Assert.False(string.IsNullOrEmpty(state["PasswordHash"].S));
        Assert.DoesNotContain(registration.Password, state["PasswordHash"].S, StringComparison.Ordinal);
        Assert.Empty(state["Outbox"].L);
    }

    /// <summary>The user's item once the outbox has been emptied by publishing, which happens after the call that registered.</summary>
    private async Task<Dictionary<string, Amazon.DynamoDBv2.Model.AttributeValue>?> StoredOnceEventsArePublished(IUserGrain user)
    {
        var key = StoredItems.KeyOf(dynamo.ServiceId, StateName, user.GetGrainId());
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var item = await dynamo.Client.GetAsync(DynamoDBFixture.TableName, key);
            if (item?["state"].M["Outbox"].L.Count == 0 || DateTime.UtcNow > deadline)
            {
                return item;
            }

            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task A_restarted_silo_keeps_users_credentials_and_order_counts()
    {
        var builder = dynamo.NewCluster();
        var registration = A.Registration();
        await using (var before = await builder.StartAsync())
        {
            var user = before.GrainFactory.GetUserByEmailAddress(registration.EmailAddress);
            await user.Register(registration.Build());
            await user.RecordCompletedOrder(new CompletedOrder("order-1"));
            await user.RecordCompletedOrder(new CompletedOrder("order-2"));
        }

        await using var after = await dynamo.NewCluster().WithServiceId(builder.ServiceId).StartAsync();
        var restarted = after.GrainFactory.GetUserByEmailAddress(registration.EmailAddress);

        var details = await restarted.GetDetails();
        Assert.NotNull(details);
        Assert.Equal("Jane", details.FirstName);
        Assert.Equal(2, details.OrderCount);
        Assert.Equal(LoginOutcome.Succeeded, (await restarted.LogIn(new Password(registration.Password))).Outcome);
        Assert.Equal(LoginOutcome.InvalidCredentials, (await restarted.LogIn(new Password("not the password at all"))).Outcome);
        var redelivery = await restarted.RecordCompletedOrder(new CompletedOrder("order-2"));
        Assert.Equal(OrderRecordingOutcome.AlreadyCounted, redelivery.Outcome);
        Assert.Equal(
            RegistrationResult.AlreadyRegistered,
            await restarted.Register(A.Registration().WithEmailAddress(registration.EmailAddress).WithPassword("someone else's password").Build()));
    }

    [Fact]
    public async Task An_administrator_stored_before_the_role_was_kept_stays_an_administrator()
    {
        var builder = dynamo.NewCluster();
        var registration = A.Registration();
        string key;
        await using (var before = await builder.StartAsync())
        {
            var account = before.GrainFactory.GetGrain<IAdministratorAccountGrain>(UserKey.FromEmailAddress(registration.EmailAddress));
            await account.RegisterAdministrator(registration.Build());
            key = StoredItems.KeyOf(builder.ServiceId, StateName, account.GetGrainId());
        }

        // Items written then carried the tier alone.
        await dynamo.Client.UpdateItemAsync(new Amazon.DynamoDBv2.Model.UpdateItemRequest
        {
            TableName = DynamoDBFixture.TableName,
            Key = new() { ["pk"] = new() { S = key } },
            UpdateExpression = "REMOVE #state.#role",
            ExpressionAttributeNames = new() { ["#state"] = "state", ["#role"] = nameof(UserState.IsAdministrator) },
        });
        Assert.Equal("Admin", (await dynamo.Client.GetAsync(DynamoDBFixture.TableName, key))!["state"].M["Tier"].S);

        await using var after = await dynamo.NewCluster().WithServiceId(builder.ServiceId).StartAsync();
        var user = after.GrainFactory.GetUserByEmailAddress(registration.EmailAddress);
        await user.RecordCompletedOrder(new CompletedOrder("order-1"));

        Assert.Equal(UserTier.Admin, (await user.GetDetails())!.Tier);
        Assert.True((await dynamo.Client.GetAsync(DynamoDBFixture.TableName, key))!["state"].M[nameof(UserState.IsAdministrator)].BOOL);
    }
}
