using Amazon.DynamoDBv2.DocumentModel;
using Amazon.DynamoDBv2.Model;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using UserManagement.Reminders.DynamoDB;
using UserManagement.Tests.Persistence;

namespace UserManagement.Tests.Reminders;

/// <summary>The reminder table on dynalite, through the interface the reminder service uses.</summary>
[Collection(DynamoDBCollection.Name)]
public sealed class DynamoDBReminderTableTests(DynamoDBFixture dynamo)
{
    private const string TableName = "reminder-table-tests";
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task A_reminder_reads_back_as_written_with_a_new_etag_on_every_write()
    {
        var table = await Table();
        var entry = Entry(UserGrain(), "outbox", new DateTime(2026, 11, 26, 10, 0, 0, 123, DateTimeKind.Utc));

        var first = await table.UpsertRow(entry);
        var second = await table.UpsertRow(entry);
        var read = await table.ReadRow(entry.GrainId, "outbox");

        Assert.NotNull(read);
        Assert.NotEqual(first, second);
        Assert.Equal(
            (entry.GrainId, entry.ReminderName, entry.StartAt, entry.Period, second),
            (read.GrainId, read.ReminderName, read.StartAt, read.Period, read.ETag));
        Assert.Equal(DateTimeKind.Utc, read.StartAt.Kind);
        Assert.Null(await table.ReadRow(entry.GrainId, "another"));
    }

    [Fact]
    public async Task A_reminder_is_removed_only_with_the_etag_last_written()
    {
        var table = await Table();
        var entry = Entry(UserGrain(), "outbox");
        var stale = await table.UpsertRow(entry);
        var current = await table.UpsertRow(entry);

        Assert.False(await table.RemoveRow(entry.GrainId, "outbox", stale!));
        Assert.NotNull(await table.ReadRow(entry.GrainId, "outbox"));
        Assert.True(await table.RemoveRow(entry.GrainId, "outbox", current!));
        Assert.Null(await table.ReadRow(entry.GrainId, "outbox"));
        Assert.False(await table.RemoveRow(entry.GrainId, "outbox", current!));
    }

    [Fact]
    public async Task A_grains_reminders_are_read_without_another_grains()
    {
        var table = await Table();
        var grain = UserGrain();
        await table.UpsertRow(Entry(grain, "outbox"));
        await table.UpsertRow(Entry(grain, "other"));
        await table.UpsertRow(Entry(UserGrain(), "outbox"));

        var read = await table.ReadRows(grain);

        Assert.Equal(["other", "outbox"], read.Reminders.Select(r => r.ReminderName).Order());
        Assert.All(read.Reminders, r => Assert.Equal(grain, r.GrainId));
    }

    [Theory]
    [InlineData(0u, uint.MaxValue)]
    [InlineData(0x10000000u, 0x2fffffffu)]
    [InlineData(0x0c000000u, 0x14000000u)]
    [InlineData(0x7abcdef0u, 0x9abcdef0u)]
    [InlineData(0xf0000000u, 0x10000000u)]
    [InlineData(0x80000000u, 0x80000000u)]
    [InlineData(uint.MaxValue, 0x20000000u)]
    public async Task A_range_read_finds_exactly_the_reminders_whose_hash_is_in_the_range_wrapping_past_the_top(uint begin, uint end)
    {
        var table = await Table();
        var grains = Enumerable.Range(0, 400).Select(_ => UserGrain()).ToList();
        await Task.WhenAll(grains.Select(grain => table.UpsertRow(Entry(grain, "outbox"))));

        var read = await table.ReadRows(begin, end);

        var expected = grains.Where(g => InRange(g.GetUniformHashCode(), begin, end)).ToHashSet();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, read.Reminders.Select(r => r.GrainId).ToHashSet());
        Assert.Equal(read.Reminders.Count, read.Reminders.Select(r => r.GrainId).Distinct().Count());
    }

    [Fact]
    public async Task Each_service_reads_and_clears_only_its_own_reminders()
    {
        var ours = await Table();
        var theirs = await Table();
        var grain = UserGrain();
        await ours.UpsertRow(Entry(grain, "outbox"));
        await theirs.UpsertRow(Entry(grain, "outbox"));

        await ours.TestOnlyClearTable();

        Assert.Empty((await ours.ReadRows(0, 0)).Reminders);
        Assert.Single((await theirs.ReadRows(0, 0)).Reminders);
    }

    [Fact]
    public async Task Reminders_spread_over_sixteen_partitions_each_a_small_item()
    {
        var serviceId = $"tests-{Guid.NewGuid():N}";
        var table = await Table(serviceId);
        await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => table.UpsertRow(Entry(UserGrain(), "outbox"))));

        var items = await ItemsOf(serviceId);

        Assert.Equal(200, items.Count);
        Assert.Equal(16, items.Select(item => item["pk"].S).Distinct().Count());
        Assert.All(items, item => Assert.InRange(Document.FromAttributeMap(item).ToJson().Length, 1, 1_024));
    }

    [Fact]
    public async Task A_missing_table_stops_start_up_with_the_setting_to_change()
    {
        var table = new DynamoDBReminderTable(
            dynamo.Client,
            Options.Create(new DynamoDBReminderTableOptions { TableName = $"missing-{Guid.NewGuid():N}" }),
            Options.Create(new ClusterOptions { ServiceId = "tests" }),
            NullLogger<DynamoDBReminderTable>.Instance);

        var refusal = await Assert.ThrowsAsync<InvalidOperationException>(() => table.StartAsync());

        Assert.Contains("Reminders:CreateTableIfNotExists", refusal.Message, StringComparison.Ordinal);
    }

    /// <summary>Orleans's range: (begin, end], or past the top and round when begin is not below end.</summary>
    private static bool InRange(uint hash, uint begin, uint end) => begin < end ? hash > begin && hash <= end : hash > begin || hash <= end;

    private static GrainId UserGrain() => GrainId.Create("user", Guid.NewGuid().ToString());

    private static ReminderEntry Entry(GrainId grain, string name, DateTime? startAt = null) => new()
    {
        GrainId = grain,
        ReminderName = name,
        StartAt = startAt ?? DateTime.UtcNow.AddMinutes(1),
        Period = Minute,
    };

    /// <summary>A table of a service id of its own, so each test sees only its own reminders.</summary>
    private async Task<DynamoDBReminderTable> Table(string? serviceId = null)
    {
        var table = new DynamoDBReminderTable(
            dynamo.Client,
            Options.Create(new DynamoDBReminderTableOptions { TableName = TableName, CreateTableIfNotExists = true }),
            Options.Create(new ClusterOptions { ServiceId = serviceId ?? $"tests-{Guid.NewGuid():N}" }),
            NullLogger<DynamoDBReminderTable>.Instance);
        await table.StartAsync();
        return table;
    }

    private async Task<List<Dictionary<string, AttributeValue>>> ItemsOf(string serviceId)
    {
        var items = new List<Dictionary<string, AttributeValue>>();
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var page = await dynamo.Client.ScanAsync(new ScanRequest { TableName = TableName, ExclusiveStartKey = start });
            items.AddRange(page.Items.Where(item => item["pk"].S.StartsWith(serviceId + "/", StringComparison.Ordinal)));
            start = page.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (start is not null);

        return items;
    }
}
