using UserManagement.Tests.Builders;
using UserManagement.Tests.Infrastructure;

namespace UserManagement.Tests.Ingest;

/// <summary>A consumer stopped while it works (a deployment, a scale-in) neither loses nor double-counts an order.</summary>
[Collection(IngestCollection.Name)]
public sealed class ShutdownTests(UserClusterFixture cluster, SqsEmulator sqs)
{
    [Fact]
    public async Task A_consumer_stopped_mid_stream_deletes_only_what_it_did_and_a_new_one_finishes_the_rest()
    {
        const int orders = 200;
        var queues = await sqs.CreateQueuePair();
        var user = await RegisteredUser.Register(cluster.Grains);
        await sqs.SendBatches(queues.QueueUrl, [.. Enumerable.Range(0, orders)
            .Select(i => An.OrderCompletedEvent().ForUser(user.UserId).WithOrderId($"order-{i}").Build())]);

        await using (var first = await IngestHost.Start(cluster, sqs, queues))
        {
            await Eventually.Until(async () => await user.OrderCount(cluster.Grains) >= 20, "the first consumer under way");
            await first.Stop();
        }

        var countedByFirst = await user.OrderCount(cluster.Grains);
        Assert.Equal(orders - countedByFirst, await sqs.CountMessages(queues.QueueUrl));

        await using var second = await IngestHost.Start(cluster, sqs, queues);
        await Eventually.Until(
            async () => await user.OrderCount(cluster.Grains) >= orders && await sqs.CountMessages(queues.QueueUrl) == 0,
            "every order counted and deleted");
        Assert.Equal(orders, await user.OrderCount(cluster.Grains));
        Assert.Equal(0, await sqs.CountMessages(queues.DeadLetterQueueUrl));
    }
}
