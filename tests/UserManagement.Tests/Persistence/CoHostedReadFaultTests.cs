using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Globalization;
using UserManagement.Contracts.Users;
using UserManagement.Tests.Builders;
using UserManagement.Tests.Persistence.FaultInjection;

namespace UserManagement.Tests.Persistence;

/// <summary>
/// A silo that serves the API reads an active user without a grain call. Whatever a write met, the next read shows
/// what is stored: the new count when the write was stored (its answer lost or not), the old one when it was not.
/// </summary>
[Collection(DynamoDBCollection.Name)]
public sealed class CoHostedReadFaultTests(CoHostedFaultyDynamoDBFixture faulty) : IClassFixture<CoHostedFaultyDynamoDBFixture>
{
    public static TheoryData<DynamoDBFault> Faults =>
    [
        DynamoDBFault.ResetAfterApplying,
        DynamoDBFault.ServerErrorAfterApplying,
        DynamoDBFault.DelayedAnswer,
        DynamoDBFault.ServerErrorWithoutApplying,
    ];

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task A_read_after_an_order_whose_write_failed_shows_the_stored_count(DynamoDBFault fault)
    {
        var registration = A.Registration();
        var (user, key) = await faulty.RegisteredAsync(registration);
        var api = faulty.Api();
        var token = await api.TokenFor(registration.EmailAddress, registration.Password);
        Assert.Equal(0, await OrderCountRead(api, user, token));

        faulty.Proxy.Inject(fault, "PutItem", key, delay: fault == DynamoDBFault.DelayedAnswer ? FaultyDynamoDBFixture.PastTheTimeout : default);
        try
        {
            await user.RecordCompletedOrder(new CompletedOrder("order-1"));
        }
        catch (Exception)
        {
            // What the caller hears does not matter here; what a read shows next does.
        }

        await Eventually.Until(() => Task.FromResult(faulty.Proxy.FaultsDoneTo(key) > 0), "the fault to be met");
        var stored = int.Parse((await faulty.StoredStateAsync(key))["OrderCount"].N, CultureInfo.InvariantCulture);
        Assert.Equal(stored, await OrderCountRead(api, user, token));
    }

    [Fact]
    public async Task A_read_right_after_an_order_is_counted_shows_it()
    {
        var registration = A.Registration();
        var (user, _) = await faulty.RegisteredAsync(registration);
        var api = faulty.Api();
        var token = await api.TokenFor(registration.EmailAddress, registration.Password);
        Assert.Equal(0, await OrderCountRead(api, user, token));

        for (var order = 1; order <= 11; order++)
        {
            await user.RecordCompletedOrder(new CompletedOrder($"order-{order}"));
            Assert.Equal(order, await OrderCountRead(api, user, token));
        }

        using var response = await api.GetUser(user.GetPrimaryKeyString(), token);
        Assert.Equal("PREMIUM", (await response.Content.ReadFromJsonAsync<JsonObject>())!["data"]!["userType"]!.GetValue<string>());
    }

    private static async Task<int> OrderCountRead(GatewayClient api, IUserGrain user, string token)
    {
        using var response = await api.GetUser(user.GetPrimaryKeyString(), token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["data"]!["orderCount"]!.GetValue<int>();
    }
}
