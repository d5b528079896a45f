extern alias ingest;

using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Amazon.SQS;
using Amazon.SQS.Model;
using ingest::UserManagement.Ingest;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using UserManagement.Bench.Hosting;
using UserManagement.Bench.Load;
using UserManagement.Bench.Reporting;
using UserManagement.Events.EventBridge;
using UserManagement.Grains.Hosting;
using UserManagement.Contracts.Users;
using UserManagement.Persistence.DynamoDB;
using UserManagement.ServiceDefaults.Orleans;
using UserManagement.Grains.Users;

namespace UserManagement.Bench.Scenarios;

/// <summary>
/// Completed orders per second from an SQS queue to counts stored in DynamoDB: the real ingest worker (registered with
/// <c>AddOrderIngest()</c> as the Ingest host and a co-hosting silo do) against a silo with the DynamoDB grain storage,
/// both in the bench's process, the worker calling the silo's grains in process (co-hosted) or as an Orleans client
/// over loopback TCP (split), against a bare loop that receives, puts the user's item unconditionally and deletes, with as many receive
/// loops as the worker has pollers. Each round drains a fresh queue pre-loaded with the same number of messages, on the
/// same SQS emulator and dynalite; it ends when the queue holds no message, waiting or in work, which for the worker
/// means every count stored (it deletes a message only once the grain has written).
/// </summary>
public sealed class IngestScenario : IBenchmarkScenario
{
    private const int Users = 100;
    private const string TableName = "bench-ingest-state";
    private const string ServiceId = "bench";

    public string Name => "ingest";

    public string Description => "completed orders from SQS to stored counts: ingest worker + silo vs receive/PutItem/delete loops";

    public BenchmarkSettings Defaults => BenchmarkSettings.Default with { OperationsPerRound = 2000, Concurrency = 4 };

    public async Task<ScenarioResult> RunAsync(BenchmarkSettings settings, CancellationToken cancellationToken)
    {
        await using var dynalite = await DynaliteServer.StartAsync(cancellationToken);
        await using var sqs = await SqsServer.StartAsync(withServiceQueues: false, cancellationToken);
        // Registrations publish UserRegistered; the stand-in takes the events as it does in the local run.
        await using var events = await EventBridgeEmulator.Start();
        using var dynamo = dynalite.CreateClient();
        var gatewayPort = LoopbackPorts.Free();
        using var silo = await StartSiloAsync(dynamo, gatewayPort, events.Url, cancellationToken);
        var grains = silo.Services.GetRequiredService<IGrainFactory>();

        Console.WriteLine($"users    registering {Users} (an Argon2id hash each)");
        var userIds = await RegisterUsersAsync(grains, cancellationToken);
        var counted = 0L;

        // Co-hosted (the default topology): the consumer calls the silo's grains in process. Split: it is an Orleans
        // client of the silo over loopback TCP, as the separate ingest host is.
        DrainContender Worker(string name, IServiceProvider? coHostingSilo) => new(name, async (queueUrl, stop) =>
        {
            using var host = BuildWorker(sqs.Client, gatewayPort, queueUrl, settings.Concurrency, coHostingSilo);
            var mark = host.Services.GetRequiredService<ReceivingStartsMark>();
            await host.StartAsync(cancellationToken);
            var finished = await stop();
            await host.StopAsync(CancellationToken.None);
            return finished - mark.StartedAt;
        });
        var worker = Worker("ingest, co-hosted in the silo", silo.Services);
        var splitWorker = Worker("ingest worker + silo (split)", coHostingSilo: null);

        var baseline = BaselineContender("receive, PutItem, delete", sqs.Client, dynamo, grains, userIds, settings.Concurrency, conditional: false, cancellationToken);
        var conditionalBaseline = BaselineContender("the same, PutItem with version condition", sqs.Client, dynamo, grains, userIds, settings.Concurrency, conditional: true, cancellationToken);

        var probes = new[] { CpuProbe.ThisProcess, new CpuProbe("dynalite", dynalite.ProcessId), new CpuProbe("sqs", sqs.ProcessId) };
        Console.WriteLine($"messages {settings.OperationsPerRound} a round over {Users} users, {settings.Concurrency} receive loops on each side, up to 10 a receive, wait 1 s");
        var contenders = new[] { worker, baseline, conditionalBaseline, splitWorker };
        var rounds = contenders.ToDictionary(contender => contender, _ => new List<RoundMeasurement>());
        for (var round = -settings.WarmUpRounds; round < settings.Rounds; round++)
        {
            foreach (var contender in round % 2 == 0 ? contenders : contenders.Reverse())
            {
                var measured = await MeasureRoundAsync(sqs, contender, userIds, settings.OperationsPerRound, probes, cancellationToken);
                if (contender == worker || contender == splitWorker)
                {
                    counted += settings.OperationsPerRound;
                }

                var label = round < 0 ? $"warm-up {round + settings.WarmUpRounds + 1}" : $"round {round + 1}";
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {label,-10} {contender.Name,-34} {measured.Rate,10:F1} messages/s"));
                if (round >= 0)
                {
                    rounds[contender].Add(measured);
                }
            }
        }

        var stored = 0L;
        foreach (var userId in userIds)
        {
            stored += (await grains.GetUser(userId).GetDetails())!.OrderCount;
        }

        Console.WriteLine($"counted  {stored} orders stored, {counted} sent to the worker");
        var result = new ComparisonResult("messages/s", [.. contenders.Select(contender => (contender.Name, (IReadOnlyList<RoundMeasurement>)rounds[contender]))]);
        result.Print();
        var writes = await MeasureWritesPerOrderAsync(grains, dynamo, cancellationToken);
        await silo.StopAsync(CancellationToken.None);
        return new ScenarioResult(
            Name,
            Description,
            result.Summaries(),
            [
                new MeasuredRatio(
                    "ingest (co-hosted) / receive-PutItem-delete", result.RatioOfFirstTo(1), 0.85, TargetIsMinimum: true,
                    "orders counted and stored per second against a bare loop that receives, writes the user's item and deletes"),
                new MeasuredRatio(
                    "ingest (co-hosted) / the same with version condition", result.RatioOfFirstTo(2), 0.85, TargetIsMinimum: true,
                    "the same, the bare loop's write carrying the storage's version condition, which dynalite evaluates slowly"),
                new MeasuredRatio(
                    "bare loop with version condition / without", result.RatioOf(2, 1), 0.85, TargetIsMinimum: true,
                    "the ceiling of the first line: a loop that does nothing but receive, put with the condition and delete; below 0.85, no conditional writer meets that target here"),
                new MeasuredRatio(
                    "ingest (split) / receive-PutItem-delete", result.RatioOf(3, 1), 0.85, TargetIsMinimum: true,
                    "the split topology: the worker reaches the silo over the Orleans client (loopback TCP)"),
                new MeasuredRatio(
                    "bytes written per order, 1,000 remembered / the same ids as a list", writes[^1].Ratio, 0.5, TargetIsMinimum: false,
                    "the user's item each counted order writes, against the same item holding the ids the way they were stored before"),
            ],
            [
                .. writes.Select(write => write.Note),
                string.Create(CultureInfo.InvariantCulture, $"{settings.OperationsPerRound} bare CloudEvents (orders.orderCompleted.v2) a round over {Users} users, {settings.Concurrency} pollers / receive loops; {stored} of {counted} orders counted"),
                "a round runs from the first receive to an empty queue; latencies are not measured (n/a)",
            ]);
    }

    /// <summary>
    /// What one counted order writes: the whole user item, as DynamoDB counts its bytes, and the write units dynalite
    /// charges for a put of it, for a user with 10, 100 and 1,000 orders remembered. The baseline is the same item
    /// with the same order ids stored the way the service stored them before: a list of the ids as given (here GUIDs,
    /// as the bench's events carry).
    /// </summary>
    private static async Task<List<(string Note, double Ratio)>> MeasureWritesPerOrderAsync(
        IGrainFactory grains, AmazonDynamoDBClient dynamo, CancellationToken cancellationToken)
    {
        var registration = new Registration($"bench.item.{Guid.NewGuid():N}@example.com", "Bench", "User", new Password("Bench-ingest-password-7"));
        var user = grains.GetUserByEmailAddress(registration.EmailAddress);
        await user.Register(registration, cancellationToken: cancellationToken);
        var key = new Dictionary<string, AttributeValue> { ["pk"] = new() { S = $"{ServiceId}/user/{user.GetGrainId()}" } };
        var orderIds = new List<string>();
        var measured = new List<(string Note, double Ratio)>();
        foreach (var remembered in (int[])[10, 100, 1_000])
        {
            while (orderIds.Count < remembered)
            {
                orderIds.Add(Guid.NewGuid().ToString());
                await user.RecordCompletedOrder(new CompletedOrder(orderIds[^1]));
            }

            var item = (await dynamo.GetItemAsync(TableName, key, cancellationToken)).Item;
            var state = new Dictionary<string, AttributeValue>(item["state"].M);
            state.Remove(nameof(UserState.RecentOrders));
            state[nameof(UserState.CountedOrderIds)] = new AttributeValue { L = [.. orderIds.Select(id => new AttributeValue { S = id })] };
            var before = new Dictionary<string, AttributeValue>(item) { ["state"] = new AttributeValue { M = state } };

            var (bytes, units) = (ItemBytes(item), await WriteUnitsAsync(dynamo, item, cancellationToken));
            var (bytesBefore, unitsBefore) = (ItemBytes(before), await WriteUnitsAsync(dynamo, before, cancellationToken));
            var note = string.Create(
                CultureInfo.InvariantCulture,
                $"bytes written per order with {remembered:N0} orders remembered: {bytes:N0} ({units} write units); the ids as a list: {bytesBefore:N0} ({unitsBefore} write units); ratio {(double)bytes / bytesBefore:F2}");
            Console.WriteLine($"item     {note}");
            measured.Add((note, (double)bytes / bytesBefore));
        }

        return measured;
    }

    /// <summary>The write units dynalite charges for putting the item (under a key of its own, so the user is untouched).</summary>
    private static async Task<double> WriteUnitsAsync(AmazonDynamoDBClient dynamo, Dictionary<string, AttributeValue> item, CancellationToken cancellationToken)
    {
        var response = await dynamo.PutItemAsync(
            new PutItemRequest
            {
                TableName = TableName,
                Item = new Dictionary<string, AttributeValue>(item) { ["pk"] = new() { S = $"{ServiceId}/item-size/{Guid.NewGuid():N}" } },
                ReturnConsumedCapacity = ReturnConsumedCapacity.TOTAL,
            },
            cancellationToken);
        return response.ConsumedCapacity?.CapacityUnits ?? double.NaN;
    }

    /// <summary>
    /// An item's size as DynamoDB bills it: each attribute's name and value; text in UTF-8 bytes, a number about a byte
    /// per two digits, a list or map 3 bytes and 1 a member, map keys as names.
    /// </summary>
    private static long ItemBytes(Dictionary<string, AttributeValue> item) =>
        item.Sum(attribute => System.Text.Encoding.UTF8.GetByteCount(attribute.Key) + ValueBytes(attribute.Value));

    private static long ValueBytes(AttributeValue value) => value switch
    {
        { S: { } text } => System.Text.Encoding.UTF8.GetByteCount(text),
        { N: { } number } => 1 + ((number.TrimStart('-').Length + 1) / 2),
        { M: { } map } => 3 + map.Sum(member => 1 + System.Text.Encoding.UTF8.GetByteCount(member.Key) + ValueBytes(member.Value)),
        { L: { } list } => 3 + list.Sum(member => 1 + ValueBytes(member)),
        _ => 1,
    };

    private static async Task<RoundMeasurement> MeasureRoundAsync(
        SqsServer sqs, DrainContender contender, string[] userIds, int messages, IReadOnlyList<CpuProbe> probes, CancellationToken cancellationToken)
    {
        var queueUrl = await sqs.CreateQueueAsync(cancellationToken);
        var bodies = Enumerable.Range(0, messages).Select(i => OrderCompleted(userIds[i % userIds.Length])).ToArray();
        await sqs.SendAsync(queueUrl, bodies, cancellationToken);

        // Polls the queue until nothing is left on it, waiting or in work; bounded at two minutes.
        async Task<long> UntilDrained()
        {
            var deadline = Stopwatch.StartNew();
            while (await sqs.CountAsync(queueUrl, cancellationToken) > 0)
            {
                if (deadline.Elapsed > TimeSpan.FromMinutes(2))
                {
                    throw new TimeoutException($"{contender.Name}: the queue was not drained within two minutes.");
                }

                await Task.Delay(TimeSpan.FromMilliseconds(10), cancellationToken);
            }

            return Stopwatch.GetTimestamp();
        }

        var cpuBefore = probes.Select(probe => probe.Read()).ToArray();
        var elapsed = Stopwatch.GetElapsedTime(0, await contender.DrainAsync(queueUrl, UntilDrained));
        var cpuAfter = probes.Select(probe => probe.Read()).ToArray();
        await sqs.Client.DeleteQueueAsync(queueUrl, cancellationToken);
        var cpu = probes.Select((probe, i) => (probe.Name, PerMessage: (cpuAfter[i] - cpuBefore[i]).TotalMicroseconds / messages))
            .ToDictionary(entry => entry.Name, entry => entry.PerMessage);
        return new RoundMeasurement(messages / elapsed.TotalSeconds, new LatencyHistogram(), messages, 0, null, cpu);
    }

    /// <summary>
    /// The bare side: receive loops as many as the worker's pollers, each writing a user's stored item (as it is now,
    /// orders of earlier rounds included) and deleting. Every loop has an item per message of a batch, so with the version
    /// condition no two writes race for one item, as the grain storage's writes of one user never do.
    /// </summary>
    private static DrainContender BaselineContender(
        string name, IAmazonSQS sqs, AmazonDynamoDBClient dynamo, IGrainFactory grains, string[] userIds, int loops, bool conditional, CancellationToken cancellationToken) =>
        new(name, async (queueUrl, stop) =>
        {
            var key = new Dictionary<string, AttributeValue> { ["pk"] = new() { S = $"{ServiceId}/user/{grains.GetUser(userIds[0]).GetGrainId()}" } };
            var stored = (await dynamo.GetItemAsync(TableName, key, cancellationToken)).Item;
            var suffix = conditional ? "c" : "u";
            var items = Enumerable.Range(0, loops)
                .Select(loop => Enumerable.Range(0, 10)
                    .Select(slot => new Dictionary<string, AttributeValue>(stored) { ["pk"] = new() { S = $"{ServiceId}/raw-{suffix}/{loop:D2}-{slot:D2}" }, ["version"] = new() { N = "0" } })
                    .ToArray())
                .ToArray();
            foreach (var item in items.SelectMany(loop => loop))
            {
                await dynamo.PutItemAsync(new PutItemRequest { TableName = TableName, Item = item }, cancellationToken);
            }

            using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var started = Stopwatch.GetTimestamp();
            var running = items
                .Select(loopItems => Task.Run(() => BaselineLoopAsync(sqs, dynamo, queueUrl, loopItems, conditional, stopping.Token), CancellationToken.None))
                .ToArray();
            var finished = await stop();
            await stopping.CancelAsync();
            await Task.WhenAll(running);
            return finished - started;
        });

    /// <summary>What the worker does to a batch, minus the grain: receive up to 10, write each, delete them in one call.</summary>
    private static async Task BaselineLoopAsync(
        IAmazonSQS sqs, AmazonDynamoDBClient dynamo, string queueUrl, Dictionary<string, AttributeValue>[] items, bool conditional, CancellationToken stopping)
    {
        var versions = new long[items.Length];
        var deadline = Stopwatch.StartNew();
        while (!stopping.IsCancellationRequested && deadline.Elapsed < TimeSpan.FromMinutes(2))
        {
            ReceiveMessageResponse received;
            try
            {
                received = await sqs.ReceiveMessageAsync(
                    new ReceiveMessageRequest { QueueUrl = queueUrl, MaxNumberOfMessages = 10, WaitTimeSeconds = 1, VisibilityTimeout = 30 },
                    stopping);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }

            if (received.Messages is not { Count: > 0 } messages)
            {
                continue;
            }

            await Task.WhenAll(messages.Select((_, slot) => dynamo.PutItemAsync(Write(items[slot], conditional ? versions[slot]++ : null), CancellationToken.None)));
            await sqs.DeleteMessageBatchAsync(
                new DeleteMessageBatchRequest
                {
                    QueueUrl = queueUrl,
                    Entries = [.. messages.Select((message, index) => new DeleteMessageBatchRequestEntry($"m{index}", message.ReceiptHandle))],
                },
                CancellationToken.None);
        }
    }

    /// <summary>A put of the item, with the grain storage's version condition when <paramref name="expected"/> is given.</summary>
    private static PutItemRequest Write(Dictionary<string, AttributeValue> item, long? expected)
    {
        if (expected is not { } version)
        {
            return new PutItemRequest { TableName = TableName, Item = item };
        }

        return new PutItemRequest
        {
            TableName = TableName,
            Item = new Dictionary<string, AttributeValue>(item) { ["version"] = new() { N = (version + 1).ToString(CultureInfo.InvariantCulture) } },
            ConditionExpression = "#version = :expected",
            ExpressionAttributeNames = new() { ["#version"] = "version" },
            ExpressionAttributeValues = new() { [":expected"] = new AttributeValue { N = version.ToString(CultureInfo.InvariantCulture) } },
            ReturnValuesOnConditionCheckFailure = ReturnValuesOnConditionCheckFailure.ALL_OLD,
        };
    }

    private static string OrderCompleted(string userId) => new JsonObject
    {
        ["specversion"] = "1.0",
        ["id"] = Guid.NewGuid().ToString(),
        ["source"] = "bench.orders",
        ["type"] = "orders.orderCompleted.v2",
        ["time"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
        ["datacontenttype"] = "application/json",
        ["data"] = new JsonObject { ["userId"] = userId, ["orderId"] = Guid.NewGuid().ToString() },
    }.ToJsonString();

    private static async Task<string[]> RegisterUsersAsync(IGrainFactory grains, CancellationToken cancellationToken)
    {
        var ids = new string[Users];
        await Parallel.ForAsync(0, Users, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken }, async (i, _) =>
        {
            var registration = new Registration($"bench.ingest.{i:D4}.{Guid.NewGuid():N}@example.com", "Bench", "User", new Password("Bench-ingest-password-7"));
            var result = await grains.GetUserByEmailAddress(registration.EmailAddress).Register(registration, cancellationToken: _);
            ids[i] = result.User?.UserId ?? throw new InvalidOperationException($"Registering {registration.EmailAddress} failed.");
        });
        return ids;
    }

    private static IHost BuildWorker(IAmazonSQS sqs, int gatewayPort, string queueUrl, int pollers, IServiceProvider? coHostingSilo)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Orleans:ClusterId"] = ServiceId,
            ["Orleans:ServiceId"] = ServiceId,
            ["Orleans:Clustering:ProviderType"] = "Development",
            ["Orleans:Clustering:Gateways:0"] = $"127.0.0.1:{gatewayPort.ToString(CultureInfo.InvariantCulture)}",
            ["Ingest:QueueUrl"] = queueUrl,
            ["Ingest:DeadLetterQueueUrl"] = queueUrl + "-dlq",
            ["Ingest:Pollers"] = pollers.ToString(CultureInfo.InvariantCulture),
            ["Ingest:MaxMessages"] = "10",
            ["Ingest:WaitTime"] = "00:00:01",
        });
        builder.Services.AddSingleton(sqs);
        if (coHostingSilo is null)
        {
            builder.AddUserManagementClusterClient();
        }
        else
        {
            builder.Services.AddSingleton(coHostingSilo.GetRequiredService<IClusterClient>());
            builder.Services.AddSingleton(coHostingSilo.GetRequiredService<IGrainFactory>());
        }

        builder.Services.AddSingleton<ReceivingStartsMark>();
        builder.Services.AddHostedService(services => services.GetRequiredService<ReceivingStartsMark>());
        builder.AddOrderIngest();
        return builder.Build();
    }

    private static async Task<IHost> StartSiloAsync(IAmazonDynamoDB client, int gatewayPort, Uri eventsUrl, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Events:Region"] = "us-east-1",
            ["Events:ServiceUrl"] = eventsUrl.ToString(),
            ["Events:Source"] = "bench.users",
        });
        builder.Services.AddSingleton(client);

        // The stand-in takes any signature; without credentials the publisher would retry every event in the background.
        builder.Services.AddSingleton<AWSCredentials>(new BasicAWSCredentials("local", "local"));
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(LoopbackPorts.Free(), gatewayPort, serviceId: ServiceId, clusterId: ServiceId);
            silo.AddUserGrains().UseInMemoryReminderService();
            silo.Services.AddEventBridgePublisher();
            silo.AddDynamoDBGrainStorage(UserGrain.StorageName, options =>
            {
                options.TableName = TableName;
                options.CreateTableIfNotExists = true;
            });
        });
        var host = builder.Build();
        await host.StartAsync(cancellationToken);
        return host;
    }

    /// <summary>One side: given a fresh, loaded queue and a wait for it to empty, drains it and says how long it took (ticks).</summary>
    private sealed record DrainContender(string Name, Func<string, Func<Task<long>>, Task<long>> DrainAsync);
}
