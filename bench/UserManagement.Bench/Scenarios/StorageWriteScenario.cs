using System.Globalization;
using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Storage;
using UserManagement.Bench.Hosting;
using UserManagement.Bench.Load;
using UserManagement.Bench.Reporting;
using UserManagement.Contracts.Users;
using UserManagement.Persistence.DynamoDB;
using UserManagement.Grains.Users;

namespace UserManagement.Bench.Scenarios;

/// <summary>
/// Writes per second of a user state through the DynamoDB grain storage against plain <c>PutItem</c> calls of the very
/// item the storage wrote, and against the same <c>PutItem</c> with the storage's version condition, on one dynalite, in
/// alternating rounds. The storage's own cost is JSON serialization, conversion to attributes and the size check; the
/// condition costs the emulator (it parses every condition expression) more than it would cost DynamoDB.
/// </summary>
public sealed class StorageWriteScenario : IBenchmarkScenario
{
    private const string StorageName = "users";
    private const string StateName = "user";
    private const string TableName = "bench-grain-state";

    public string Name => "storage";

    public string Description => "user state writes: DynamoDB grain storage vs raw PutItem of the same item, on dynalite";

    public BenchmarkSettings Defaults => BenchmarkSettings.Default with { OperationsPerRound = 4000 };

    public async Task<ScenarioResult> RunAsync(BenchmarkSettings settings, CancellationToken cancellationToken)
    {
        await using var dynalite = await DynaliteServer.StartAsync(cancellationToken);
        using var client = dynalite.CreateClient();
        using var silo = await StartSiloAsync(client, cancellationToken);
        var storage = silo.Services.GetRequiredKeyedService<IGrainStorage>(StorageName);

        var copies = Enumerable.Range(0, settings.Concurrency)
            .Select(worker => (Id: GrainId.Create("user", $"bench-{worker:D4}-{Guid.NewGuid()}"), State: new GrainState<UserState>(SampleUser())))
            .ToArray();
        var provider = new Contender("DynamoDBGrainStorage", (worker, operation) =>
        {
            var (id, copy) = copies[worker];
            copy.State!.OrderCount = operation;
            return storage.WriteStateAsync(StateName, id, copy);
        });

        // The raw side puts exactly the item the storage produced, under keys of the same length.
        await provider.Operation(0, 0);
        var stored = (await client.GetItemAsync(
            TableName,
            new Dictionary<string, AttributeValue> { ["pk"] = new() { S = $"bench/{StateName}/{copies[0].Id}" } },
            cancellationToken)).Item;
        var rawItems = Enumerable.Range(0, settings.Concurrency)
            .Select(worker => new Dictionary<string, AttributeValue>(stored)
            {
                ["pk"] = new() { S = $"bench/{StateName}/raw/{worker:D4}-{Guid.NewGuid()}" },
            })
            .ToArray();
        var raw = new Contender("raw PutItem", (worker, _) =>
            client.PutItemAsync(new PutItemRequest { TableName = TableName, Item = rawItems[worker] }, cancellationToken));

        // The same item and the same version condition the storage sends, minus everything the storage does itself:
        // what is left between the two is the storage's cost, apart from the emulator's cost of conditions.
        var conditionalItems = rawItems
            .Select(item => new Dictionary<string, AttributeValue>(item) { ["pk"] = new() { S = item["pk"].S + "-c" } })
            .ToArray();
        foreach (var item in conditionalItems)
        {
            await client.PutItemAsync(new PutItemRequest { TableName = TableName, Item = item }, cancellationToken);
        }

        var versions = conditionalItems.Select(item => long.Parse(item["version"].N, CultureInfo.InvariantCulture)).ToArray();
        var conditional = new Contender("raw PutItem, version condition", (worker, _) =>
        {
            var expected = versions[worker]++;
            var item = conditionalItems[worker];
            item["version"] = new AttributeValue { N = (expected + 1).ToString(CultureInfo.InvariantCulture) };
            return client.PutItemAsync(
                new PutItemRequest
                {
                    TableName = TableName,
                    Item = item,
                    ConditionExpression = "#version = :expected",
                    ExpressionAttributeNames = new() { ["#version"] = "version" },
                    ExpressionAttributeValues = new()
                    {
                        [":expected"] = new AttributeValue { N = expected.ToString(CultureInfo.InvariantCulture) },
                    },
                    ReturnValuesOnConditionCheckFailure = ReturnValuesOnConditionCheckFailure.ALL_OLD,
                },
                cancellationToken);
        });

        Console.WriteLine($"item     {JsonSerializer.Serialize(copies[0].State.State).Length} bytes of state JSON, " +
                          $"{stored.Count} attributes, written {settings.OperationsPerRound} times a round by {settings.Concurrency} workers");
        var result = await new InterleavedComparison(settings, "writes/s", [CpuProbe.ThisProcess, new CpuProbe("dynalite", dynalite.ProcessId)]).RunAsync([provider, raw, conditional], cancellationToken);
        result.Print();
        await silo.StopAsync(CancellationToken.None);
        return new ScenarioResult(
            Name,
            Description,
            result.Summaries(),
            [
                new MeasuredRatio(
                    "storage / raw PutItem", result.RatioOfFirstTo(1), 0.9, TargetIsMinimum: true,
                    "the grain storage's write rate against the same item put without a condition"),
                new MeasuredRatio(
                    "storage / raw PutItem with condition", result.RatioOfFirstTo(2), 0.9, TargetIsMinimum: true,
                    "the same with the version condition on both sides: the storage's own work alone"),
            ],
            [$"{settings.Concurrency} writers, dynalite in memory; the condition costs dynalite more than it costs DynamoDB"]);
    }

    private static async Task<IHost> StartSiloAsync(IAmazonDynamoDB client, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton(client);
        builder.UseOrleans(silo => silo
            .Configure<Orleans.Configuration.ClusterOptions>(cluster =>
            {
                cluster.ClusterId = "bench";
                cluster.ServiceId = "bench";
            })
            .UseLocalhostClustering(LoopbackPorts.Free(), LoopbackPorts.Free())
            .AddDynamoDBGrainStorage(StorageName, options =>
            {
                options.TableName = TableName;
                options.CreateTableIfNotExists = true;
            }));
        var host = builder.Build();
        await host.StartAsync(cancellationToken);
        return host;
    }

    /// <summary>A user as the user grain stores one: names, a password hash's length of text, 20 counted orders.</summary>
    private static UserState SampleUser() => new()
    {
        EmailAddress = "bench.user@example.com",
        FirstName = "Bench",
        LastName = "User",
        PasswordHash = "$argon2id$v=19$m=19456,t=2,p=1$" + new string('s', 22) + "$" + new string('h', 43),
        RegisteredAt = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
        RecentOrders = RecentOrders.Including([], [.. Enumerable.Range(0, 20).Select(i => $"order-{i:D6}-{Guid.NewGuid()}")], DateTimeOffset.UtcNow),
    };
}
