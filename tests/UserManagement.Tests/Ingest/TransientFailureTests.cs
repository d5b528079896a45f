using UserManagement.Tests.Builders;
using UserManagement.Tests.Ingest.FaultInjection;

namespace UserManagement.Tests.Ingest;

/// <summary>Failures that may pass leave the message on the queue; slow work keeps it hidden from other consumers.</summary>
[Collection(IngestCollection.Name)]
public sealed class TransientFailureTests(FaultInjectingClusterFixture cluster, SqsEmulator sqs) : IClassFixture<FaultInjectingClusterFixture>
{
    [Fact]
    public async Task A_failed_grain_call_leaves_the_message_to_be_received_again_and_the_order_counts_once_it_succeeds()
    {
        var queues = await sqs.CreateQueuePair();
        var user = await RegisteredUser.Register(cluster.Grains);
        var order = An.OrderCompletedEvent().ForUser(user.UserId);
        InjectedFaults.Fail(order.OrderId!, times: 2);
        await using var ingest = await IngestHost.Start(cluster.Cluster, sqs, queues);

        await sqs.Send(queues.QueueUrl, order.Build());

        await Eventually.Until(
            async () => await user.OrderCount(cluster.Grains) == 1 && await sqs.CountMessages(queues.QueueUrl) == 0,
            "the order counted after the failures and the message deleted");
        Assert.Equal(3, InjectedFaults.CallsFor(order.OrderId!));
        Assert.Equal(0, await sqs.CountMessages(queues.DeadLetterQueueUrl));
    }

    [Fact]
    public async Task A_message_in_work_longer_than_its_visibility_timeout_is_not_handed_to_another_poller()
    {
        var queues = await sqs.CreateQueuePair();
        var user = await RegisteredUser.Register(cluster.Grains);
        var order = An.OrderCompletedEvent().ForUser(user.UserId);
        // The work outlasts the visibility timeout more than twice; the heartbeat leaves 5 s of slack to a loaded
        // machine, and the client waits for the slow call rather than giving up after its usual 10 s.
        InjectedFaults.Delay(order.OrderId!, TimeSpan.FromSeconds(14));
        await using var ingest = await IngestHost.Start(cluster.Cluster, sqs, queues, new Dictionary<string, string?>
        {
            ["Ingest:VisibilityTimeout"] = "00:00:06",
            ["Ingest:Heartbeat"] = "00:00:01",
            ["Orleans:Messaging:ResponseTimeout"] = "00:00:30",
        });

        await sqs.Send(queues.QueueUrl, order.Build());

        await Eventually.Until(
            async () => await user.OrderCount(cluster.Grains) == 1 && await sqs.CountMessages(queues.QueueUrl) == 0,
            "the slow order counted and the message deleted");
        Assert.Equal(1, InjectedFaults.CallsFor(order.OrderId!));
    }

    [Fact]
    public async Task A_released_message_comes_back_no_sooner_than_its_back_off_though_a_slow_sibling_keeps_the_batch_in_work()
    {
        var queues = await sqs.CreateQueuePair();
        // Two users, so that the grain calls run side by side rather than one after the other in one grain.
        var user = await RegisteredUser.Register(cluster.Grains);
        var otherUser = await RegisteredUser.Register(cluster.Grains);
        var failing = An.OrderCompletedEvent().ForUser(user.UserId);
        var slow = An.OrderCompletedEvent().ForUser(otherUser.UserId);
        InjectedFaults.Fail(failing.OrderId!, times: 1);
        InjectedFaults.Delay(slow.OrderId!, TimeSpan.FromSeconds(5));
        var backoff = TimeSpan.FromSeconds(20);
        await sqs.SendBatches(queues.QueueUrl, [failing.Build(), slow.Build()]);

        // One poller receives both in one batch; the back-off is far longer than the visibility timeout, which the
        // heartbeat renews every second while the slow sibling is in work.
        await using var ingest = await IngestHost.Start(cluster.Cluster, sqs, queues, new Dictionary<string, string?>
        {
            ["Ingest:Pollers"] = "1",
            ["Ingest:VisibilityTimeout"] = "00:00:04",
            ["Ingest:Heartbeat"] = "00:00:01",
            ["Ingest:RetryDelay"] = "00:00:20",
            ["Ingest:MaxRetryDelay"] = "00:00:20",
            ["Orleans:Messaging:ResponseTimeout"] = "00:00:30",
        });

        await Eventually.Until(
            async () => await user.OrderCount(cluster.Grains) + await otherUser.OrderCount(cluster.Grains) == 2
                && await sqs.CountMessages(queues.QueueUrl) == 0,
            "both orders counted and deleted",
            TimeSpan.FromSeconds(90));
        var calls = InjectedFaults.CallTimesFor(failing.OrderId!);
        Assert.Equal(2, calls.Count);
        // SQS keeps whole seconds; a second's rounding is all the slack there is.
        Assert.True(calls[1] - calls[0] >= backoff - TimeSpan.FromSeconds(1), $"received again after {calls[1] - calls[0]}, its back-off is {backoff}");
    }
}
