using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using UserManagement.Persistence.DynamoDB;
using UserManagement.Tests.Persistence.FaultInjection;
using UserManagement.Tests.Persistence.Grains;

namespace UserManagement.Tests.Persistence;

/// <summary>
/// Writes whose answer DynamoDB sent but the storage never got: the write is recognised as applied, never reported as a
/// conflict, whether the SDK retried it at once or the grain writes again after the storage gave up waiting.
/// </summary>
[Collection(DynamoDBCollection.Name)]
public sealed class DynamoDBGrainStorageLostAnswerTests(FaultyDynamoDBFixture faulty)
    : IClassFixture<FaultyDynamoDBFixture>
{
    private const string StateName = "state";

    public static TheoryData<DynamoDBFault, int> LostAnswers => new()
    {
        { DynamoDBFault.ResetAfterApplying, 0 },
        { DynamoDBFault.ResetAfterApplying, 2 },
        { DynamoDBFault.ServerErrorAfterApplying, 0 },
        { DynamoDBFault.ServerErrorAfterApplying, 2 },
    };

    private IGrainStorage Storage =>
        faulty.Cluster.GetSiloServiceProvider().GetRequiredKeyedService<IGrainStorage>(CounterGrain.StorageName);

    /// <summary>A grain of its own for each test, and the key the proxy knows its item by.</summary>
    private (GrainId GrainId, string Key) NewItem()
    {
        var grainId = GrainId.Create("counter", $"lost-answer-{Guid.NewGuid():N}");
        return (grainId, faulty.KeyOf(StateName, grainId));
    }

    private async Task<StateCopy<CounterState>> StoredAsync(GrainId grainId)
    {
        var copy = new StateCopy<CounterState>();
        await Storage.ReadStateAsync(StateName, grainId, copy);
        return copy;
    }

    [Theory]
    [MemberData(nameof(LostAnswers))]
    public async Task A_write_whose_answer_was_lost_and_that_the_SDK_retried_is_recognised_as_applied(
        DynamoDBFault fault, int earlierWrites)
    {
        var (grainId, key) = NewItem();
        var copy = new StateCopy<CounterState>();
        for (var write = 1; write <= earlierWrites; write++)
        {
            copy.State.Count = write;
            await Storage.WriteStateAsync(StateName, grainId, copy);
        }

        faulty.Proxy.Inject(fault, "PutItem", key);
        copy.State.Count = 42;
        await Storage.WriteStateAsync(StateName, grainId, copy);

        Assert.Equal(0, faulty.Proxy.FaultsLeft);
        Assert.Equal(earlierWrites + 2, faulty.Proxy.RequestsFor("PutItem", key)); // the lost one and the SDK's retry
        var expectedVersion = (earlierWrites + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(expectedVersion, copy.ETag);
        var stored = await StoredAsync(grainId);
        Assert.Equal((42, expectedVersion), (stored.State.Count, stored.ETag));
    }

    [Fact]
    public async Task A_write_applied_after_the_storage_gave_up_waiting_is_recognised_by_the_grains_next_write()
    {
        var counter = faulty.Grains.GetGrain<ICounterGrain>($"late-answer-{Guid.NewGuid():N}");
        var key = faulty.KeyOf(StateName, counter.GetGrainId());
        Assert.Equal(1, await counter.IncrementOnce());

        faulty.Proxy.Inject(DynamoDBFault.DelayedAnswer, "PutItem", key, delay: FaultyDynamoDBFixture.PastTheTimeout);
        var timedOut = await Assert.ThrowsAnyAsync<Exception>(counter.IncrementOnce);
        Assert.IsType<TimeoutException>(timedOut.InnerException ?? timedOut);

        // Its copy holds count 2, stored as version 2 by the write it never heard back from; the next write builds on it.
        Assert.Equal(3, await counter.IncrementOnce());
        var stored = await StoredAsync(counter.GetGrainId());
        Assert.Equal((3, "3"), (stored.State.Count, stored.ETag));
    }

    [Fact]
    public async Task A_write_answered_with_500_without_being_applied_is_retried_by_the_SDK_and_applied_once()
    {
        var (grainId, key) = NewItem();
        faulty.Proxy.Inject(DynamoDBFault.ServerErrorWithoutApplying, "PutItem", key);
        var copy = new StateCopy<CounterState> { State = { Count = 7 } };

        await Storage.WriteStateAsync(StateName, grainId, copy);

        Assert.Equal(2, faulty.Proxy.RequestsFor("PutItem", key));
        var stored = await StoredAsync(grainId);
        Assert.Equal((7, "1"), (stored.State.Count, stored.ETag));
    }

    [Fact]
    public async Task A_write_refused_on_every_try_fails_changes_nothing_and_the_next_write_succeeds()
    {
        var (grainId, key) = NewItem();
        var copy = new StateCopy<CounterState> { State = { Count = 1 } };
        await Storage.WriteStateAsync(StateName, grainId, copy);
        faulty.Proxy.Inject(DynamoDBFault.ServerErrorWithoutApplying, "PutItem", key, times: 100);

        copy.State.Count = 2;
        await Assert.ThrowsAsync<DynamoDBGrainStorageException>(() => Storage.WriteStateAsync(StateName, grainId, copy));
        Assert.Equal((1, "1"), ((await StoredAsync(grainId)).State.Count, copy.ETag));

        faulty.Proxy.Heal(key);
        await Storage.WriteStateAsync(StateName, grainId, copy);
        var stored = await StoredAsync(grainId);
        Assert.Equal((2, "2"), (stored.State.Count, stored.ETag));
    }

    [Fact]
    public async Task A_write_whose_answer_was_lost_while_another_writer_wrote_is_still_a_conflict()
    {
        var (grainId, key) = NewItem();
        var mine = new StateCopy<CounterState>();
        await Storage.WriteStateAsync(StateName, grainId, mine);
        var theirs = await StoredAsync(grainId);
        faulty.Proxy.Inject(DynamoDBFault.DelayedAnswer, "PutItem", key, delay: FaultyDynamoDBFixture.PastTheTimeout);
        mine.State.Count = 10;
        await Assert.ThrowsAsync<TimeoutException>(() => Storage.WriteStateAsync(StateName, grainId, mine));

        // Another activation read before that write landed and wrote after: the lost write is not the stored one.
        theirs.State.Count = 20;
        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteStateAsync(StateName, grainId, theirs));
        var fresh = await StoredAsync(grainId);
        fresh.State.Count = 30;
        await Storage.WriteStateAsync(StateName, grainId, fresh);

        mine.State.Count = 11;
        var conflict = await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteStateAsync(StateName, grainId, mine));
        Assert.Equal("3", conflict.StoredEtag);
        Assert.Equal(30, (await StoredAsync(grainId)).State.Count);
    }

    [Fact]
    public async Task A_clear_whose_answer_was_lost_is_recognised_as_applied()
    {
        var (grainId, key) = NewItem();
        var copy = new StateCopy<CounterState> { State = { Count = 5 } };
        await Storage.WriteStateAsync(StateName, grainId, copy);
        faulty.Proxy.Inject(DynamoDBFault.ResetAfterApplying, "PutItem", key);

        await Storage.ClearStateAsync(StateName, grainId, copy);

        Assert.Equal(0, faulty.Proxy.FaultsLeft);
        var stored = await StoredAsync(grainId);
        Assert.Equal((false, "2", 0), (stored.RecordExists, stored.ETag, stored.State.Count));
    }
}
