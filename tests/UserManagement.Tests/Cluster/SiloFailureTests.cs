using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Amazon.Runtime;
using Amazon.SQS;
using Amazon.SQS.Model;
using UserManagement.Tests.Builders;
using UserManagement.Tests.Cluster.Harness;
using UserManagement.Tests.Infrastructure;
using Xunit.Abstractions;

namespace UserManagement.Tests.Cluster;

/// <summary>
/// The service as processes, split (silos, a gateway, an ingest worker) or co-hosted (silos that serve the API and
/// consume the queue themselves); the silo holding most users is killed (SIGKILL) while orders flow, and started again.
/// Every user's count ends exact, and the API keeps answering but for a few retried calls while the cluster re-forms.
/// </summary>
public sealed class SiloFailureTests(ITestOutputHelper output)
{
    private const int Users = 50;
    private const int OrdersPerUser = 40;

    [Theory]
    [InlineData(ServiceTopology.Split)]
    [InlineData(ServiceTopology.CoHosted)]
    public async Task Orders_count_exactly_and_the_API_answers_while_the_busiest_silo_is_killed_and_restarted(ServiceTopology topology)
    {
        await using var cluster = await ProcessCluster.Start(topology: topology);
        await using var observer = await ClusterObserver.Connect(cluster);
        using var http = cluster.CreateApiClient(TimeSpan.FromSeconds(30));
        var gateway = new GatewayClient(http);
        var userIds = new List<string>();
        foreach (var registration in Enumerable.Range(0, Users).Select(_ => A.Registration()))
        {
            userIds.Add(await gateway.RegisterUser(registration));
        }

        var adminToken = await gateway.TokenFor(ProcessCluster.AdminEmailAddress, ProcessCluster.AdminPassword);
        var (busiest, onBusiest) = await observer.BusiestSiloOf(cluster, userIds);
        var affected = onBusiest[0];
        output.WriteLine($"{onBusiest.Count} of {Users} users on {busiest.Name}");

        using var sqs = new AmazonSQSClient(new BasicAWSCredentials("local", "local"), new AmazonSQSConfig { ServiceURL = cluster.Sqs.Endpoint.ToString() });
        var messages = OrderMessages(userIds);
        var sending = SendPaced(sqs, cluster.Sqs.QueueUrl, messages, TimeSpan.FromSeconds(20));
        using var probing = new CancellationTokenSource();
        var probe = new ApiProbe(gateway, adminToken, userIds);
        var probes = probe.Run(probing.Token);

        await Task.Delay(TimeSpan.FromSeconds(6));
        var killedAt = Stopwatch.StartNew();
        await busiest.Kill();
        var recovery = await FirstSuccessfulRead(gateway, adminToken, affected, killedAt);
        await Task.Delay(TimeSpan.FromSeconds(5));
        await busiest.Restart();
        await busiest.WaitUntilReady(TimeSpan.FromSeconds(90));
        await sending;

        var counts = await CountsOnceSettled(gateway, adminToken, userIds, TimeSpan.FromMinutes(3));
        await probing.CancelAsync();
        var (calls, failures) = await probes;

        output.WriteLine($"first successful read of an affected user {recovery.Elapsed.TotalSeconds:F1} s after SIGKILL, {recovery.Failures} failed reads before it");
        output.WriteLine($"API probe during the run: {failures} of {calls} calls failed");
        Assert.All(userIds, id => Assert.Equal(OrdersPerUser, counts[id]));
        Assert.Equal(0, await VisibleMessages(sqs, cluster.Sqs.DeadLetterQueueUrl));
    }

    /// <summary>Every order as a bare CloudEvent (the contract's v2), each sent twice, shuffled.</summary>
    private static List<string> OrderMessages(IEnumerable<string> userIds)
    {
        var bodies = userIds.SelectMany(userId => Enumerable.Range(1, OrdersPerUser).Select(order => JsonSerializer.Serialize(new
        {
            specversion = "1.0",
            id = Guid.NewGuid().ToString(),
            source = "harness.orders",
            type = "orders.orderCompleted.v2",
            time = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
            datacontenttype = "application/json",
            data = new { orderId = $"{userId}-{order}", userId },
        }))).ToList();
        return [.. bodies.Concat(bodies).OrderBy(_ => Random.Shared.Next())];
    }

    private static async Task SendPaced(AmazonSQSClient sqs, string queueUrl, List<string> messages, TimeSpan over)
    {
        var batches = messages.Chunk(10).ToList();
        var pause = over / batches.Count;
        foreach (var batch in batches)
        {
            await sqs.SendMessageBatchAsync(new SendMessageBatchRequest
            {
                QueueUrl = queueUrl,
                Entries = [.. batch.Select((body, index) => new SendMessageBatchRequestEntry(index.ToString(CultureInfo.InvariantCulture), body))],
            });
            await Task.Delay(pause);
        }
    }

    private static async Task<(TimeSpan Elapsed, int Failures)> FirstSuccessfulRead(GatewayClient gateway, string token, string userId, Stopwatch sinceKill)
    {
        var failures = 0;
        while (sinceKill.Elapsed < TimeSpan.FromMinutes(2))
        {
            try
            {
                using var response = await gateway.GetUser(userId, token);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return (sinceKill.Elapsed, failures);
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            failures++;
            await Task.Delay(100);
        }

        return (sinceKill.Elapsed, failures);
    }

    private static async Task<Dictionary<string, int>> CountsOnceSettled(GatewayClient gateway, string token, List<string> userIds, TimeSpan patience)
    {
        var deadline = DateTime.UtcNow + patience;
        while (true)
        {
            var counts = new Dictionary<string, int>();
            foreach (var userId in userIds)
            {
                using var response = await gateway.GetUser(userId, token);
                counts[userId] = response.IsSuccessStatusCode
                    ? JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("data").GetProperty("orderCount").GetInt32()
                    : -1;
            }

            if (counts.Values.All(c => c == OrdersPerUser) || DateTime.UtcNow > deadline)
            {
                return counts;
            }

            await Task.Delay(1_000);
        }
    }

    private static async Task<int> VisibleMessages(AmazonSQSClient sqs, string queueUrl)
    {
        var attributes = await sqs.GetQueueAttributesAsync(queueUrl, ["ApproximateNumberOfMessages"]);
        return attributes.ApproximateNumberOfMessages;
    }
}
