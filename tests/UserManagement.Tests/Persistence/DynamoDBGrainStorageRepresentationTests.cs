using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using UserManagement.Tests.Persistence.Grains;

namespace UserManagement.Tests.Persistence;

/// <summary>How states DynamoDB's types cannot hold are kept: as JSON text, still whole and still versioned.</summary>
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
}
