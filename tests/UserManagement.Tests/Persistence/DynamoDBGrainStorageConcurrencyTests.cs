using Amazon.DynamoDBv2.Model;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using UserManagement.Persistence.DynamoDB;
using UserManagement.Tests.Persistence.Grains;

namespace UserManagement.Tests.Persistence;

/// <summary>Two writers of one grain state: the one that read an older version is refused, and nothing is lost.</summary>
[Collection(DynamoDBCollection.Name)]
public sealed class DynamoDBGrainStorageConcurrencyTests(DynamoDBFixture dynamo)
{
    private const string StateName = "state";

    private IGrainStorage Storage =>
        dynamo.Cluster.GetSiloServiceProvider().GetRequiredKeyedService<IGrainStorage>(CounterGrain.StorageName);

    private static GrainId NewGrainId() => GrainId.Create("counter", $"concurrency-{Guid.NewGuid():N}");

    private async Task<StateCopy<CounterState>> ReadAsync(GrainId grainId)
    {
        var copy = new StateCopy<CounterState>();
        await Storage.ReadStateAsync(StateName, grainId, copy);
        return copy;
    }

    [Fact]
    public void The_storage_registered_under_the_name_is_the_DynamoDB_storage()
    {
        Assert.IsType<DynamoDBGrainStorage>(Storage);
    }

    [Fact]
    public async Task A_write_based_on_a_stale_read_is_refused_and_succeeds_after_a_re_read()
    {
        var grainId = NewGrainId();
        var seed = await ReadAsync(grainId);
        seed.State = new CounterStateBuilder().WithCount(1).Build();
        await Storage.WriteStateAsync(StateName, grainId, seed);

        var first = await ReadAsync(grainId);
        var second = await ReadAsync(grainId);
        first.State.Count++;
        await Storage.WriteStateAsync(StateName, grainId, first);

        second.State.Count++;
        var conflict = await Assert.ThrowsAsync<InconsistentStateException>(
            () => Storage.WriteStateAsync(StateName, grainId, second));
        Assert.Equal("1", conflict.CurrentEtag);
        Assert.Equal("2", first.ETag);
        Assert.Equal("1", second.ETag);

        var reread = await ReadAsync(grainId);
        reread.State.Count++;
        await Storage.WriteStateAsync(StateName, grainId, reread);

        var final = await ReadAsync(grainId);
        Assert.Equal(3, final.State.Count);
        Assert.Equal("3", final.ETag);
        Assert.True(final.RecordExists);
    }

    [Fact]
    public async Task Two_first_writes_of_one_state_let_only_one_through()
    {
        var grainId = NewGrainId();
        var first = await ReadAsync(grainId);
        var second = await ReadAsync(grainId);

        first.State.Note = "first";
        await Storage.WriteStateAsync(StateName, grainId, first);
        second.State.Note = "second";
        var conflict = await Assert.ThrowsAsync<InconsistentStateException>(
            () => Storage.WriteStateAsync(StateName, grainId, second));

        Assert.Equal("none", conflict.CurrentEtag);
        Assert.Equal("first", (await ReadAsync(grainId)).State.Note);
    }

    [Fact]
    public async Task A_write_meeting_an_item_without_a_version_is_a_clear_error_not_a_conflict()
    {
        var grainId = NewGrainId();
        var copy = await ReadAsync(grainId);
        await dynamo.Client.PutItemAsync(DynamoDBFixture.TableName, new Dictionary<string, AttributeValue>
        {
            ["pk"] = new() { S = StoredItems.KeyOf(dynamo.ServiceId, StateName, grainId) },
            ["version"] = new() { S = "1" },
        });

        copy.State.Count = 1;
        var error = await Assert.ThrowsAsync<GrainStateUnreadableException>(() => Storage.WriteStateAsync(StateName, grainId, copy));

        Assert.Contains("no Number attribute 'version'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_clear_based_on_a_stale_read_is_refused_and_the_item_kept()
    {
        var grainId = NewGrainId();
        var writer = await ReadAsync(grainId);
        await Storage.WriteStateAsync(StateName, grainId, writer);
        var stale = await ReadAsync(grainId);
        writer.State.Count = 10;
        await Storage.WriteStateAsync(StateName, grainId, writer);

        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.ClearStateAsync(StateName, grainId, stale));

        var stored = await ReadAsync(grainId);
        Assert.True(stored.RecordExists);
        Assert.Equal(10, stored.State.Count);
    }

    [Fact]
    public async Task A_clear_resets_the_state_and_a_read_after_it_finds_no_record_at_the_tombstones_version()
    {
        var grainId = NewGrainId();
        var state = await ReadAsync(grainId);
        state.State.Count = 4;
        await Storage.WriteStateAsync(StateName, grainId, state);
        var cleared = state.State;

        await Storage.ClearStateAsync(StateName, grainId, state);

        Assert.NotSame(cleared, state.State);
        Assert.Equal(0, state.State.Count);
        Assert.Equal("2", state.ETag);
        Assert.False(state.RecordExists);
        var reread = await ReadAsync(grainId);
        Assert.False(reread.RecordExists);
        Assert.Equal("2", reread.ETag);
        Assert.Equal(0, reread.State.Count);
    }

    [Fact]
    public async Task After_a_clear_a_stale_copy_cannot_overwrite_what_was_written_since()
    {
        var grainId = NewGrainId();
        var seed = await ReadAsync(grainId);
        await Storage.WriteStateAsync(StateName, grainId, seed);
        var stale = await ReadAsync(grainId);
        var current = await ReadAsync(grainId);

        await Storage.ClearStateAsync(StateName, grainId, current);
        current.State.Note = "written after the clear";
        await Storage.WriteStateAsync(StateName, grainId, current);

        stale.State.Note = "stale";
        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteStateAsync(StateName, grainId, stale));
        var stored = await ReadAsync(grainId);
        Assert.Equal(("written after the clear", "3"), (stored.State.Note, stored.ETag));
    }

    [Fact]
    public async Task Clearing_a_state_never_written_leaves_a_tombstone_the_next_write_builds_on()
    {
        var grainId = NewGrainId();
        var state = await ReadAsync(grainId);

        await Storage.ClearStateAsync(StateName, grainId, state);
        state.State.Count = 1;
        await Storage.WriteStateAsync(StateName, grainId, state);

        var stored = await ReadAsync(grainId);
        Assert.Equal((1, "2", true), (stored.State.Count, stored.ETag, stored.RecordExists));
    }

    [Fact]
    public async Task An_oversized_state_throws_before_writing()
    {
        var grainId = NewGrainId();
        var state = await ReadAsync(grainId);
        state.State = new CounterStateBuilder().WithNoteOfSize(401 * 1024).Build();

        var error = await Assert.ThrowsAsync<GrainStateTooLargeException>(
            () => Storage.WriteStateAsync(StateName, grainId, state));

        Assert.True(error.ItemSizeBytes > error.MaxItemSizeBytes);
        Assert.Null(state.ETag);
        Assert.False((await ReadAsync(grainId)).RecordExists);
    }

    [Fact]
    public async Task Two_clusters_writing_one_grain_lose_no_update()
    {
        var key = $"shared-{Guid.NewGuid():N}";
        await using var otherCluster = await dynamo.NewCluster().WithServiceId(dynamo.ServiceId).StartAsync();
        var here = dynamo.Grains.GetGrain<ICounterGrain>(key);
        var there = otherCluster.GrainFactory.GetGrain<ICounterGrain>(key);
        await here.Get();
        await there.Get();

        Assert.Equal(1, await here.Increment());
        await Assert.ThrowsAsync<InconsistentStateException>(() => there.IncrementOnce());

        // The refused activation is gone; the next call reads the stored state afresh.
        Assert.Equal(2, await there.Increment());
        // This activation still holds version 1: its write is refused, it re-reads and counts on top.
        Assert.Equal(3, await here.Increment());

        Assert.Equal(3, (await there.Reload()).Count);
        Assert.Equal("3", await here.ETag());
    }
}
