using Amazon.DynamoDBv2.DocumentModel;
using Amazon.DynamoDBv2.Model;
using UserManagement.Contracts.Users;
using UserManagement.Tests.Builders;
using UserManagement.Tests.Persistence;
using Xunit.Abstractions;

namespace UserManagement.Tests.Events;

/// <summary>
/// Pending events as they are stored in production (state and reminders in DynamoDB, here dynalite), at a volume a
/// test can hash passwords for: every item stays small, the index spreads over partitions, and recovery publishes each
/// event once.
/// </summary>
[Collection(DynamoDBCollection.Name)]
public sealed class PendingEventsOnDynamoDBTests(DynamoDBFixture dynamo, ITestOutputHelper output)
{
    private const int PendingUsers = 120;

    /// <summary>"A few KB" at the most; a reminder is about 300 bytes, a new user's item with its event about 1.5 KB.</summary>
    private const int MaxItemBytes = 4_096;

    [Fact]
    public async Task While_EventBridge_is_down_every_stored_item_stays_small_and_after_it_every_event_is_published_once()
    {
        await using var events = await EventBridgeEmulator.Start();
        await events.FailEveryRequest(500, """{"__type":"InternalFailure","message":"Internal service error."}""");
        var builder = dynamo.NewCluster().WithEventsAt(events.Url).WithSettings(new Dictionary<string, string?> { ["Outbox:MaxAttempts"] = "1000" });
        await using var cluster = await builder.StartAsync();

        var userIds = new List<string>();
        foreach (var chunk in Enumerable.Range(0, PendingUsers).Chunk(4))
        {
            userIds.AddRange(await Task.WhenAll(chunk.Select(async _ =>
            {
                var registration = A.Registration();
                return (await cluster.GrainFactory.GetUserByEmailAddress(registration.EmailAddress).Register(registration.Build())).User!.UserId;
            })));
        }

        var reminders = await Items(DynamoDBFixture.ReminderTableName, $"{builder.ServiceId}/");
        var users = await Items(DynamoDBFixture.TableName, $"{builder.ServiceId}/user/");
        output.WriteLine($"{reminders.Count} reminder items over {reminders.Select(r => r["pk"].S).Distinct().Count()} partitions, the largest {reminders.Max(Size)} bytes");
        output.WriteLine($"{users.Count} user items, the largest {users.Max(Size)} bytes");
        Assert.Equal(PendingUsers, reminders.Count);
        Assert.True(reminders.Select(r => r["pk"].S).Distinct().Count() >= 8, "the index is spread over partitions");
        Assert.All(reminders.Concat(users), item => Assert.InRange(Size(item), 1, MaxItemBytes));
        Assert.All(users, item => Assert.Single(item["state"].M["Outbox"].L));

        await events.AnswerAgain();

        Assert.True(
            await Eventually.Holds(async () => (await events.UsersWithAcceptedEvents()).IsSupersetOf(userIds), TimeSpan.FromSeconds(60)),
            "all published");
        Assert.True(await Eventually.Holds(
            async () => (await Items(DynamoDBFixture.ReminderTableName, $"{builder.ServiceId}/")).Count == 0, TimeSpan.FromSeconds(30)),
            "no reminder is left once nothing is pending");
        var accepted = await events.AcceptedEntries();
        Assert.All(userIds, id => Assert.Single(accepted, entry => EventBridgeEmulator.IsAbout(entry, id)));
        Assert.Equal((await events.AcceptedEventIds()).Count, (await events.AcceptedEventIds()).Distinct().Count());
    }

    /// <summary>An item's size as its JSON, a little above what DynamoDB counts.</summary>
    private static int Size(Dictionary<string, AttributeValue> item) => Document.FromAttributeMap(item).ToJson().Length;

    private async Task<List<Dictionary<string, AttributeValue>>> Items(string table, string keyPrefix)
    {
        var items = new List<Dictionary<string, AttributeValue>>();
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var page = await dynamo.Client.ScanAsync(new ScanRequest { TableName = table, ExclusiveStartKey = start, ConsistentRead = true });
            items.AddRange(page.Items.Where(item => item["pk"].S.StartsWith(keyPrefix, StringComparison.Ordinal)));
            start = page.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (start is not null);

        return items;
    }
}
