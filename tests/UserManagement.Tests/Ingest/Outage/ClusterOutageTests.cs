using System.Net;
using UserManagement.Contracts.Users;
using UserManagement.Tests.Builders;
using UserManagement.Tests.Events;
using UserManagement.Tests.Persistence;

namespace UserManagement.Tests.Ingest.Outage;

/// <summary>
/// An outage of the whole cluster, longer than the back-off of all five receives the redrive policy allows, costs no
/// order: the worker stops receiving until the cluster answers, then every order counts once and nothing is dead-lettered.
/// </summary>
[Collection(IngestCollection.Name)]
public sealed class ClusterOutageTests(SqsEmulator sqs) : IAsyncLifetime
{
    private const int RetryDelaySeconds = 1;
    private const int MaxRetryDelaySeconds = 2;

    private DynaliteServer _dynamoDb = null!;
    private EventBridgeEmulator _events = null!;
    private RestartableSilo _silo = null!;

    public async Task InitializeAsync()
    {
        _dynamoDb = await DynaliteServer.StartAsync();
        _events = await EventBridgeEmulator.Start();
        _silo = new RestartableSilo(_dynamoDb.ServiceUrl, _events.Url);
        await _silo.Start();
    }

    public async Task DisposeAsync()
    {
        await _silo.Stop();
        await _events.DisposeAsync();
        await _dynamoDb.DisposeAsync();
    }

    [Fact]
    public async Task Orders_sent_while_the_only_silo_is_down_count_once_it_is_back_and_none_is_dead_lettered()
    {
        var queues = await sqs.CreateQueuePair();
        var user = await RegisteredUser.Register(_silo.Grains);
        await using var ingest = await IngestHost.Start(RestartableSilo.ClusterId, _silo.ServiceId, _silo.GatewayPort, sqs, queues, new Dictionary<string, string?>
        {
            ["Ingest:WaitTime"] = "00:00:01",
            ["Ingest:RetryDelay"] = TimeSpan.FromSeconds(RetryDelaySeconds).ToString(),
            ["Ingest:MaxRetryDelay"] = TimeSpan.FromSeconds(MaxRetryDelaySeconds).ToString(),
            ["Ingest:ClusterProbeDelay"] = "00:00:00.200",
            ["Ingest:ClusterProbeMaxDelay"] = "00:00:01",
        });
        var before = An.OrderCompletedEvent().ForUser(user.UserId);
        await sqs.Send(queues.QueueUrl, before.Build());
        await Eventually.Until(async () => await user.OrderCount(_silo.Grains) == 1, "the first order counted");

        await _silo.Stop();
        var during = Enumerable.Range(0, 30).Select(i => An.OrderCompletedEvent().ForUser(i % 2 == 0 ? user.UserId : user.EmailAddress)).ToList();
        await sqs.SendBatches(queues.QueueUrl, [.. during.Select(order => order.Build()), before.Build()]);
        await Task.Delay(OutageLongerThanFiveReceives());
        await _silo.Start();

        await Eventually.Until(
            async () => await sqs.CountMessages(queues.QueueUrl) == 0,
            "every message settled after the outage",
            TimeSpan.FromMinutes(2));
        Assert.Equal(1 + during.Count, await user.OrderCount(_silo.Grains));
        Assert.Equal(0, await sqs.CountMessages(queues.DeadLetterQueueUrl));
        Assert.Equal(HttpStatusCode.OK, await ingest.Liveness());
    }

    /// <summary>Longer than a message released on each of its five receives would stay away in all: then the redrive policy would move it.</summary>
    private static TimeSpan OutageLongerThanFiveReceives()
    {
        var fiveBackOffs = Enumerable.Range(1, SqsEmulator.MaxReceiveCount)
            .Sum(receive => Math.Min(RetryDelaySeconds << (receive - 1), MaxRetryDelaySeconds));
        return TimeSpan.FromSeconds(fiveBackOffs * 2);
    }
}
