using System.Globalization;
using Amazon.DynamoDBv2.Model;
using UserManagement.Persistence.DynamoDB;
using UserManagement.Tests.Persistence.Grains;

namespace UserManagement.Tests.Persistence;

[Collection(DynamoDBCollection.Name)]
public sealed class DynamoDBGrainStorageTests(DynamoDBFixture dynamo)
{
    private ICounterGrain NewCounter() => dynamo.Grains.GetGrain<ICounterGrain>($"counter-{Guid.NewGuid():N}");

    private Task<Dictionary<string, AttributeValue>?> StoredItemOf(ICounterGrain counter) =>
        dynamo.Client.GetAsync(DynamoDBFixture.TableName, StoredItems.KeyOf(dynamo.ServiceId, "state", counter.GetGrainId()));

    [Fact]
    public async Task A_written_state_reads_back_unchanged()
    {
        var counter = NewCounter();
        var state = new CounterStateBuilder().Build();

        await counter.Save(state);
        var reloaded = await counter.Reload();

        Assert.Equal(state.Count, reloaded.Count);
        Assert.Equal(state.Note, reloaded.Note);
        Assert.Equal(state.Total, reloaded.Total);
        Assert.Equal(state.Active, reloaded.Active);
        Assert.Null(reloaded.Missing);
        Assert.Equal(state.Tags, reloaded.Tags);
        Assert.Equal(state.Owner.Name, reloaded.Owner.Name);
        Assert.Equal(state.Owner.Scores, reloaded.Owner.Scores);
        Assert.Equal(state.LastChanged, reloaded.LastChanged);
    }

    [Fact]
    public async Task A_written_state_is_one_item_of_readable_attributes()
    {
        var counter = NewCounter();

        await counter.Save(new CounterStateBuilder().WithCount(7).WithNote("hello").WithTags("x", "", "x").Build());

        var item = await StoredItemOf(counter);
        Assert.NotNull(item);
        Assert.Equal(StoredItems.KeyOf(dynamo.ServiceId, "state", counter.GetGrainId()), item["pk"].S);
        Assert.Equal("1", item["version"].N);
        Assert.Equal("counter", item["grainType"].S);
        Assert.Equal("state", item["stateName"].S);
        Assert.True(DateTimeOffset.TryParseExact(
            item["updatedAt"].S, "O", CultureInfo.InvariantCulture, DateTimeStyles.None, out _));

        var state = item["state"].M;
        Assert.Equal("7", state["Count"].N);
        Assert.Equal("hello", state["Note"].S);
        Assert.Equal(1234.5m, decimal.Parse(state["Total"].N, CultureInfo.InvariantCulture));
        Assert.True(state["Active"].BOOL);
        Assert.True(state["Missing"].NULL);
        Assert.Equal(["x", "", "x"], state["Tags"].L.Select(tag => tag.S));
        Assert.Equal("Ada", state["Owner"].M["Name"].S);
        Assert.Equal(["1", "2", "3"], state["Owner"].M["Scores"].L.Select(score => score.N));
    }

    [Fact]
    public async Task Every_write_raises_the_version_by_one()
    {
        var counter = NewCounter();

        await counter.Increment();
        await counter.Increment();
        await counter.Increment();

        Assert.Equal("3", await counter.ETag());
        Assert.Equal("3", (await StoredItemOf(counter))?["version"].N);
        Assert.Equal(3, (await counter.Reload()).Count);
    }

    [Fact]
    public async Task A_grain_without_an_item_starts_from_the_default_state()
    {
        var counter = NewCounter();

        var state = await counter.Get();

        Assert.Equal(0, state.Count);
        Assert.Empty(state.Tags);
        Assert.False(await counter.RecordExists());
        Assert.Null(await counter.ETag());
        Assert.Null(await StoredItemOf(counter));
    }

    [Fact]
    public async Task Clearing_leaves_a_tombstone_and_the_versions_keep_counting()
    {
        var counter = NewCounter();
        await counter.Save(new CounterStateBuilder().WithCount(5).Build());

        await counter.Clear();

        var tombstone = await StoredItemOf(counter);
        Assert.Equal("2", tombstone?["version"].N);
        Assert.False(tombstone!.ContainsKey("state"));
        Assert.False(await counter.RecordExists());
        Assert.Equal("2", await counter.ETag());
        Assert.Equal(0, (await counter.Reload()).Count);
        Assert.False(await counter.RecordExists());

        Assert.Equal(1, await counter.Increment());
        Assert.Equal("3", (await StoredItemOf(counter))?["version"].N);
        Assert.True(await counter.RecordExists());
    }

    [Fact]
    public async Task An_oversized_state_is_refused_and_the_stored_item_is_kept()
    {
        var counter = NewCounter();
        await counter.Save(new CounterStateBuilder().WithNote("small").Build());

        var error = await Assert.ThrowsAsync<GrainStateTooLargeException>(
            () => counter.Save(new CounterStateBuilder().WithNoteOfSize(450 * 1024).Build()));

        Assert.Contains("item limit", error.Message, StringComparison.Ordinal);
        var item = await StoredItemOf(counter);
        Assert.Equal("1", item?["version"].N);
        Assert.Equal("small", item?["state"].M["Note"].S);
    }

    [Fact]
    public async Task A_state_just_under_the_item_limit_is_stored()
    {
        var counter = NewCounter();

        await counter.Save(new CounterStateBuilder().WithNoteOfSize(390 * 1024).Build());

        Assert.Equal(390 * 1024, (await counter.Reload()).Note.Length);
    }

    [Fact]
    public async Task The_item_limit_counts_UTF8_bytes_so_multi_byte_text_is_refused_by_its_size_in_bytes()
    {
        var counter = NewCounter();
        var euros = new string('€', 140 * 1024); // 140 K characters, 420 KiB in UTF-8: a limit on characters would let it through

        var error = await Assert.ThrowsAsync<GrainStateTooLargeException>(
            () => counter.Save(new CounterStateBuilder().WithNote(euros).Build()));

        Assert.True(error.ItemSizeBytes > 420 * 1024);
        Assert.Null(await StoredItemOf(counter));
    }

    [Fact]
    public async Task Multi_byte_text_under_the_item_limit_in_bytes_is_stored()
    {
        var counter = NewCounter();
        var emoji = string.Concat(Enumerable.Repeat("😀", 95 * 1024)); // 380 KiB in UTF-8

        await counter.Save(new CounterStateBuilder().WithNote(emoji).Build());

        Assert.Equal(emoji, (await counter.Reload()).Note);
    }

    [Fact]
    public async Task An_item_without_a_version_is_a_clear_error_every_time_not_a_conflict()
    {
        var counter = NewCounter();
        await dynamo.Client.PutItemAsync(DynamoDBFixture.TableName, new Dictionary<string, AttributeValue>
        {
            ["pk"] = new() { S = StoredItems.KeyOf(dynamo.ServiceId, "state", counter.GetGrainId()) },
            ["state"] = new() { M = new Dictionary<string, AttributeValue> { ["Count"] = new() { N = "3" } } },
        });

        var first = await Assert.ThrowsAsync<GrainStateUnreadableException>(counter.Get);
        var again = await Assert.ThrowsAsync<GrainStateUnreadableException>(counter.Get);

        Assert.Contains("no Number attribute 'version'", first.Message, StringComparison.Ordinal);
        Assert.Contains(DynamoDBFixture.TableName, first.Message, StringComparison.Ordinal);
        Assert.Equal(first.Message, again.Message);
    }

    [Fact]
    public async Task A_restarted_silo_on_the_same_table_reads_the_stored_state()
    {
        var builder = dynamo.NewCluster();
        var state = new CounterStateBuilder().WithCount(42).WithNote("kept across restarts").Build();
        await using (var before = await builder.StartAsync())
        {
            await before.GrainFactory.GetGrain<ICounterGrain>("restart").Save(state);
        }

        await using var after = await dynamo.NewCluster().WithServiceId(builder.ServiceId).StartAsync();
        var counter = after.GrainFactory.GetGrain<ICounterGrain>("restart");

        var reloaded = await counter.Get();
        Assert.Equal(42, reloaded.Count);
        Assert.Equal("kept across restarts", reloaded.Note);
        Assert.True(await counter.RecordExists());
        Assert.Equal("1", await counter.ETag());
    }

    [Fact]
    public async Task Another_service_on_the_same_table_does_not_see_the_state()
    {
        var counter = NewCounter();
        await counter.Save(new CounterStateBuilder().WithCount(9).Build());

        await using var other = await dynamo.NewCluster().StartAsync();
        var sameKey = other.GrainFactory.GetGrain<ICounterGrain>(counter.GetPrimaryKeyString());

        Assert.False(await sameKey.RecordExists());
        Assert.Equal(0, (await sameKey.Get()).Count);
    }
}
