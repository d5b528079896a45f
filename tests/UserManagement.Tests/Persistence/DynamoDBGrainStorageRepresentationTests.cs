using System.Globalization;
using Amazon.DynamoDBv2.Model;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using UserManagement.Tests.Persistence.Grains;

namespace UserManagement.Tests.Persistence;

/// <summary>
/// How states are kept as DynamoDB types, where the SDK's document model needs help, and how states DynamoDB's types
/// cannot hold are kept: as JSON text, still whole and still versioned.
/// </summary>
[Collection(DynamoDBCollection.Name)]
public sealed class DynamoDBGrainStorageRepresentationTests(DynamoDBFixture dynamo)
{
    private const string StateName = "measurement";

    private IGrainStorage Storage =>
        dynamo.Cluster.GetSiloServiceProvider().GetRequiredKeyedService<IGrainStorage>(CounterGrain.StorageName);

    private static GrainId NewGrainId() => GrainId.Create("measurement", $"representation-{Guid.NewGuid():N}");

    [Theory]
    [InlineData(1e300)]
    [InlineData(1e-200)]
    public async Task A_number_beyond_DynamoDB_range_is_stored_as_JSON_text_and_reads_back(double value)
    {
        var grainId = NewGrainId();
        var written = new StateCopy<MeasurementState> { State = new MeasurementState { Value = value, Unit = "m" } };

        await Storage.WriteStateAsync(StateName, grainId, written);

        var item = await dynamo.Client.GetAsync(DynamoDBFixture.TableName, StoredItems.KeyOf(dynamo.ServiceId, StateName, grainId));
        Assert.NotNull(item);
        Assert.False(item.ContainsKey("state"));
        Assert.Contains("\"Unit\":\"m\"", item["stateJson"].S, StringComparison.Ordinal);
        Assert.Equal("1", item["version"].N);

        var read = new StateCopy<MeasurementState>();
        await Storage.ReadStateAsync(StateName, grainId, read);
        Assert.Equal(value, read.State.Value);
        Assert.Equal("1", read.ETag);
    }

    [Fact]
    public async Task A_number_within_DynamoDB_range_is_stored_as_a_number()
    {
        var grainId = NewGrainId();
        var written = new StateCopy<MeasurementState> { State = new MeasurementState { Value = 0.1, Unit = "s" } };

        await Storage.WriteStateAsync(StateName, grainId, written);

        var item = await dynamo.Client.GetAsync(DynamoDBFixture.TableName, StoredItems.KeyOf(dynamo.ServiceId, StateName, grainId));
        Assert.Equal("0.1", item?["state"].M["Value"].N);
        var read = new StateCopy<MeasurementState>();
        await Storage.ReadStateAsync(StateName, grainId, read);
        Assert.Equal(0.1, read.State.Value);
    }

    [Fact]
    public async Task A_state_nested_deeper_than_DynamoDB_allows_is_stored_as_JSON_text_and_reads_back()
    {
        var grainId = NewGrainId();
        var written = new StateCopy<TreeState> { State = TreeState.Chain(40) };

        await Storage.WriteStateAsync("tree", grainId, written);

        var item = await dynamo.Client.GetAsync(DynamoDBFixture.TableName, StoredItems.KeyOf(dynamo.ServiceId, "tree", grainId));
        Assert.NotNull(item?["stateJson"].S);
        var read = new StateCopy<TreeState>();
        await Storage.ReadStateAsync("tree", grainId, read);
        Assert.Equal(40, read.State.Depth());
    }

    [Fact]
    public async Task A_state_nested_within_DynamoDB_limits_is_stored_as_maps()
    {
        var grainId = NewGrainId();
        var written = new StateCopy<TreeState> { State = TreeState.Chain(20) };

        await Storage.WriteStateAsync("tree", grainId, written);

        var item = await dynamo.Client.GetAsync(DynamoDBFixture.TableName, StoredItems.KeyOf(dynamo.ServiceId, "tree", grainId));
        Assert.Equal("level 19", item?["state"].M["Child"].M["Label"].S);
        var read = new StateCopy<TreeState>();
        await Storage.ReadStateAsync("tree", grainId, read);
        Assert.Equal(20, read.State.Depth());
    }

    [Theory]
    [InlineData(1e-50)]
    [InlineData(1.2345678901234567e-20)]
    public async Task A_number_the_SDKs_JSON_reader_would_round_is_stored_with_its_own_digits(double value)
    {
        var (item, read) = await RoundTripAsync(StateName, new MeasurementState { Value = value, Unit = "m" });

        Assert.Equal(value, double.Parse(item["state"].M["Value"].N, CultureInfo.InvariantCulture));
        Assert.Equal(value, read.Value);
    }

    [Fact]
    public async Task Empty_text_is_stored_as_an_empty_string_not_dropped()
    {
        var (item, read) = await RoundTripAsync("labelled", new LabelledState { Label = "", Counts = { ["a"] = 1 } });

        Assert.Equal("", item["state"].M["Label"].S);
        Assert.Equal("1", item["state"].M["Counts"].M["a"].N);
        Assert.Equal("", read.Label);
    }

    [Theory]
    [InlineData("a+b/c== <script>&'\"\\")]
    [InlineData("Zoë 李 \u200B 🙂\t\n")]
    public async Task Text_is_stored_as_written_whatever_HTML_or_JSON_would_escape(string text)
    {
        var (item, read) = await RoundTripAsync("labelled", new LabelledState { Label = text, Counts = { ["a"] = 1 } });
        var (asJsonText, readFromJsonText) = await RoundTripAsync("labelled", new LabelledState { Label = text, Counts = { [""] = 1 } });

        Assert.Equal(text, item["state"].M["Label"].S);
        Assert.Equal(text, read.Label);
        Assert.Equal(text, System.Text.Json.JsonDocument.Parse(asJsonText["stateJson"].S).RootElement.GetProperty("Label").GetString());
        Assert.Equal(text, readFromJsonText.Label);
    }

    [Fact]
    public async Task A_state_with_an_empty_map_key_is_stored_as_JSON_text_and_reads_back()
    {
        var (item, read) = await RoundTripAsync("labelled", new LabelledState { Counts = { [""] = 1, ["b"] = 2 } });

        Assert.False(item.ContainsKey("state"));
        Assert.NotNull(item["stateJson"].S);
        Assert.Equal(new Dictionary<string, int> { [""] = 1, ["b"] = 2 }, read.Counts);
    }

    [Fact]
    public async Task A_state_that_is_a_list_is_stored_as_a_list_attribute()
    {
        var (item, read) = await RoundTripAsync<List<string>>("list", ["one", "", "one"]);

        Assert.Equal(["one", "", "one"], item["state"].L.Select(element => element.S));
        Assert.Equal(["one", "", "one"], read);
    }

    /// <summary>Writes the state under a new grain, then returns the item as stored and the state as read back.</summary>
    private async Task<(Dictionary<string, AttributeValue> Item, T Read)> RoundTripAsync<T>(string stateName, T state)
        where T : new()
    {
        var grainId = NewGrainId();
        await Storage.WriteStateAsync(stateName, grainId, new StateCopy<T> { State = state });
        var item = await dynamo.Client.GetAsync(DynamoDBFixture.TableName, StoredItems.KeyOf(dynamo.ServiceId, stateName, grainId))
            ?? throw new InvalidOperationException("The state was not stored.");
        var read = new StateCopy<T>();
        await Storage.ReadStateAsync(stateName, grainId, read);
        return (item, read.State);
    }

    [Fact]
    public async Task Items_as_earlier_versions_of_the_storage_wrote_them_still_read()
    {
        var typed = NewGrainId();
        var text = NewGrainId();
        await PutAsync(typed, new AttributeValue
        {
            M = new Dictionary<string, AttributeValue>
            {
                ["Value"] = new() { N = "12345678901234567890123456789012345678" },
                ["Unit"] = new() { S = "" },
            },
        }, "state");
        await PutAsync(text, new AttributeValue { S = """{"Value":1e300,"Unit":"km"}""" }, "stateJson");

        var fromTyped = new StateCopy<MeasurementState>();
        await Storage.ReadStateAsync(StateName, typed, fromTyped);
        var fromText = new StateCopy<MeasurementState>();
        await Storage.ReadStateAsync(StateName, text, fromText);

        Assert.Equal((1.2345678901234568e37, "", "3"), (fromTyped.State.Value, fromTyped.State.Unit, fromTyped.ETag));
        Assert.Equal((1e300, "km", "3"), (fromText.State.Value, fromText.State.Unit, fromText.ETag));
    }

    private Task<PutItemResponse> PutAsync(GrainId grainId, AttributeValue state, string stateAttribute) =>
        dynamo.Client.PutItemAsync(DynamoDBFixture.TableName, new Dictionary<string, AttributeValue>
        {
            ["pk"] = new() { S = StoredItems.KeyOf(dynamo.ServiceId, StateName, grainId) },
            ["version"] = new() { N = "3" },
            ["grainType"] = new() { S = "measurement" },
            ["stateName"] = new() { S = StateName },
            ["updatedAt"] = new() { S = "2026-11-24T12:30:00.0000000Z" },
            [stateAttribute] = state,
        });
}
