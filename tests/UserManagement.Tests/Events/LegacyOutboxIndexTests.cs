using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Storage;
using Orleans.TestingHost;
using UserManagement.Contracts.Users;
using UserManagement.Grains.Events;
using UserManagement.Grains.Outbox;
using UserManagement.Grains.Users;
using UserManagement.Persistence.DynamoDB;
using UserManagement.Tests.Builders;
using UserManagement.Tests.Infrastructure;
using UserManagement.Tests.Ingest;
using UserManagement.Tests.Persistence;

namespace UserManagement.Tests.Events;

/// <summary>
/// Events left pending by a version of the service that indexed them in sixteen shard items rather than reminders:
/// once the service runs again, each is published, once, and the old index is emptied.
/// </summary>
[Collection(DynamoDBCollection.Name)]
public sealed class LegacyOutboxIndexTests(DynamoDBFixture dynamo)
{
    [Fact]
    public async Task A_user_listed_in_the_earlier_index_has_its_pending_event_published_once_and_the_index_is_emptied()
    {
        await using var events = await EventBridgeEmulator.Start();
        var builder = dynamo.NewCluster().WithEventsAt(events.Url);
        var registration = A.Registration().Build();
        var userId = UserKey.FromEmailAddress(registration.EmailAddress);
        const int shard = 5;
        var pending = UserCreatedEvent.Record(EventSettings.Source, userId, DateTimeOffset.UtcNow.AddHours(-1));

        // Written as the earlier version left them, by a storage outside any silo: a silo of this version started
        // first would drain the index itself, and stopping it mid-way could leave the event published but still pending.
        await using (var earlier = EarlierVersionsStorage(builder.ServiceId))
        {
            var storage = earlier.GetRequiredKeyedService<IGrainStorage>(UserGrain.StorageName);
            await storage.WriteStateAsync("user", GrainId.Create("user", userId), new GrainState<UserState>(new UserState
            {
                EmailAddress = registration.EmailAddress,
                FirstName = registration.FirstName,
                LastName = registration.LastName,
                PasswordHash = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g",
                RegisteredAt = pending.RecordedAt,
                Outbox = [pending],
            }));
            await storage.WriteStateAsync(
                LegacyOutboxIndexDrain.StateName,
                LegacyOutboxIndexDrain.ShardId(shard),
                new GrainState<LegacyOutboxIndexState>(new LegacyOutboxIndexState { UserIds = [userId] }));
        }

        await using var cluster = await builder.StartAsync();

        Assert.True(await Eventually.Holds(async () => (await events.AcceptedFor(userId)).Count > 0, TimeSpan.FromSeconds(60)), "the pending event is published");
        var index = new GrainState<LegacyOutboxIndexState>(new LegacyOutboxIndexState());
        await Eventually.Until(
            async () =>
            {
                await StorageOf(cluster).ReadStateAsync(LegacyOutboxIndexDrain.StateName, LegacyOutboxIndexDrain.ShardId(shard), index);
                return !index.RecordExists;
            },
            "the earlier index shard cleared");
        // The user forgets the event once EventBridge's answer reaches it, a moment after the stand-in accepted it.
        await Eventually.Until(
            async () => (await cluster.GrainFactory.GetGrain<IUserEventsGrain>(userId).GetOutgoingEvents())!.Count == 0,
            "the published event to leave the user's outbox");
        Assert.Equal([pending.Id], await events.AcceptedEventIds());
    }

    /// <summary>The suite's table through the service's grain storage, as the silos of <paramref name="serviceId"/> see it.</summary>
    private ServiceProvider EarlierVersionsStorage(string serviceId) =>
        new ServiceCollection()
            .AddLogging()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().Build())
            .AddSerializer()
            .Configure<ClusterOptions>(cluster => cluster.ServiceId = serviceId)
            .AddSingleton(dynamo.Client)
            .AddDynamoDBGrainStorage(UserGrain.StorageName, storage => storage.TableName = DynamoDBFixture.TableName)
            .BuildServiceProvider();

    private static IGrainStorage StorageOf(TestCluster cluster) =>
        ((InProcessSiloHandle)cluster.Primary!).SiloHost.Services.GetRequiredKeyedService<IGrainStorage>(UserGrain.StorageName);
}
