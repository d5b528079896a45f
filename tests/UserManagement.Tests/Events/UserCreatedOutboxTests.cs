using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using UserManagement.Contracts.Users;
using UserManagement.Tests.Builders;
using UserManagement.Tests.Infrastructure;
using UserManagement.Tests.Persistence;

namespace UserManagement.Tests.Events;

/// <summary><c>users.userCreated.v1</c> leaves through the user's outbox: recorded with the user, published after, never lost.</summary>
[Collection(DynamoDBCollection.Name)]
public sealed class UserCreatedOutboxTests(DynamoDBFixture dynamo)
{
    [Fact]
    public async Task A_registration_publishes_the_contracts_event_with_the_registrations_trace()
    {
        // Tracing on, as every host of the service has it: Orleans carries a trace into grain calls only when listened to.
        CapturedTelemetry.Start();
        await using var events = await EventBridgeEmulator.Start();
        await using var cluster = await dynamo.NewCluster().WithEventsAt(events.Url).StartAsync();
        var registration = A.Registration();
        var traceId = ActivityTraceId.CreateRandom();
        var userId = await RegisterWithin(traceId, cluster.GrainFactory, registration);

        var entry = Assert.Single(await EntriesFor(events, userId, atLeast: 1));

        Assert.Equal(EventSettings.Source, entry.GetProperty("Source").GetString());
        Assert.Equal("users.userCreated.v1", entry.GetProperty("DetailType").GetString());
        Assert.Equal(EventSettings.BusName, entry.GetProperty("EventBusName").GetString());
        using var detail = JsonDocument.Parse(entry.GetProperty("Detail").GetString()!);
        var cloudEvent = detail.RootElement;
        Assert.Equal("1.0", cloudEvent.GetProperty("specversion").GetString());
        Assert.Equal("users.userCreated.v1", cloudEvent.GetProperty("type").GetString());
        Assert.Equal(EventSettings.Source, cloudEvent.GetProperty("source").GetString());
        Assert.Equal("application/json", cloudEvent.GetProperty("datacontenttype").GetString());
        Assert.True(Guid.TryParse(cloudEvent.GetProperty("id").GetString(), out _));
        Assert.Matches("^[0-9]{13}$", cloudEvent.GetProperty("time").GetString());
        Assert.Equal(userId, cloudEvent.GetProperty("data").GetProperty("userId").GetString());
        Assert.Equal(traceId.ToHexString(), cloudEvent.GetProperty("traceparent").GetString()!.Split('-')[1]);
        Assert.DoesNotContain(registration.Password, entry.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_three_failed_answers_exactly_one_event_arrives()
    {
        await using var events = await EventBridgeEmulator.Start();
        await events.ThenAnswer(500, "{}");
        await events.ThenAnswer(500, "{}");
        await events.ThenAnswer(500, "{}");
        await using var cluster = await dynamo.NewCluster().WithEventsAt(events.Url).StartAsync();

        var userId = await RegisterWithin(ActivityTraceId.CreateRandom(), cluster.GrainFactory, A.Registration());

        Assert.Single(await EntriesFor(events, userId, atLeast: 1));
        Assert.Equal(4, (await events.Requests()).Count);
        Assert.Single(await EntriesFor(events, userId, atLeast: 2, within: TimeSpan.FromSeconds(2)));
    }

    [Fact]
    public async Task An_event_not_yet_accepted_when_the_silo_stops_is_published_once_after_it_restarts()
    {
        await using var failing = await EventBridgeEmulator.Start();
        await failing.FailEveryRequest(500, "{}");

        await using var accepting = await EventBridgeEmulator.Start();
        var builder = dynamo.NewCluster().WithEventsAt(failing.Url);
        string userId;
        await using (var before = await builder.StartAsync())
        {
            userId = await RegisterWithin(ActivityTraceId.CreateRandom(), before.GrainFactory, A.Registration());
            await Eventually.Holds(async () => (await failing.Requests()).Count >= 3, TimeSpan.FromSeconds(30));
        }

        await using var after = await dynamo.NewCluster().WithServiceId(builder.ServiceId).WithEventsAt(accepting.Url).StartAsync();

        var entry = Assert.Single(await EntriesFor(accepting, userId, atLeast: 1));
        Assert.Single(await EntriesFor(accepting, userId, atLeast: 2, within: TimeSpan.FromSeconds(2)));
        Assert.Contains(await failing.Requests(), r => r.Entries().Any(e => e.GetProperty("Detail").GetString() == entry.GetProperty("Detail").GetString()));
    }

    private static async Task<string> RegisterWithin(ActivityTraceId traceId, IGrainFactory grains, RegistrationBuilder registration)
    {
        using var caller = new Activity("registration in a test");
        caller.SetParentId(traceId, ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded);
        caller.Start();
        var result = await grains.GetUserByEmailAddress(registration.EmailAddress).Register(registration.Build());
        return result.User!.UserId;
    }

    /// <summary>The accepted entries about <paramref name="userId"/>, once there are <paramref name="atLeast"/> or the time is up.</summary>
    private static async Task<List<JsonElement>> EntriesFor(EventBridgeEmulator events, string userId, int atLeast, TimeSpan? within = null)
    {
        async Task<List<JsonElement>> Matching() =>
            [.. (await events.AcceptedEntries()).Where(e => e.GetProperty("Detail").GetString()!.Contains(userId, StringComparison.Ordinal))];
        await Eventually.Holds(async () => (await Matching()).Count >= atLeast, within ?? TimeSpan.FromSeconds(30));
        return await Matching();
    }
}
