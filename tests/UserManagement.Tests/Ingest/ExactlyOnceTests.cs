using UserManagement.Tests.Builders;
using UserManagement.Tests.Infrastructure;

namespace UserManagement.Tests.Ingest;

/// <summary>SQS delivers at least once; an order must count once, and concurrent orders must all count.</summary>
[Collection(IngestCollection.Name)]
public sealed class ExactlyOnceTests(UserClusterFixture cluster, SqsEmulator sqs) : IAsyncLifetime
{
    private QueuePair _queues = null!;
    private IngestHost _ingest = null!;

    public async Task InitializeAsync()
    {
        _queues = await sqs.CreateQueuePair();
        _ingest = await IngestHost.Start(cluster, sqs, _queues);
    }

    public async Task DisposeAsync() => await _ingest.DisposeAsync();

    [Fact]
    public async Task The_same_order_delivered_five_times_counts_once()
    {
        var user = await RegisteredUser.Register(cluster.Grains);
        var body = An.OrderCompletedEvent().ForUser(user.UserId).Build();

        for (var delivery = 0; delivery < 5; delivery++)
        {
            await sqs.Send(_queues.QueueUrl, body);
        }

        await WaitUntilQueueEmpty();
        Assert.Equal(1, await user.OrderCount(cluster.Grains));
    }

    [Fact]
    public async Task The_same_order_in_different_envelopes_counts_once()
    {
        var user = await RegisteredUser.Register(cluster.Grains);
        var order = An.OrderCompletedEvent().ForUser(user.EmailAddress);

        foreach (var envelope in Enum.GetValues<OrderEventEnvelope>())
        {
            await sqs.Send(_queues.QueueUrl, order.In(envelope).Build());
        }

        await WaitUntilQueueEmpty();
        Assert.Equal(1, await user.OrderCount(cluster.Grains));
    }

    [Fact]
    public async Task A_thousand_orders_from_eight_concurrent_senders_all_count()
    {
        const int orders = 1000;
        const int senders = 8;
        var user = await RegisteredUser.Register(cluster.Grains);
        var bodies = Enumerable.Range(0, orders)
            .Select(i => An.OrderCompletedEvent().ForUser(i % 2 == 0 ? user.UserId : user.EmailAddress).WithOrderId($"order-{i}").Build())
            .ToList();

        await Task.WhenAll(Enumerable.Range(0, senders).Select(sender =>
            Task.Run(() => sqs.SendBatches(_queues.QueueUrl, [.. bodies.Where((_, i) => i % senders == sender)]))));

        await Eventually.Until(
            async () => await user.OrderCount(cluster.Grains) >= orders && await sqs.CountMessages(_queues.QueueUrl) == 0,
            $"{orders} orders counted and deleted",
            TimeSpan.FromMinutes(3));
        Assert.Equal(orders, await user.OrderCount(cluster.Grains));
        Assert.Equal(0, await sqs.CountMessages(_queues.DeadLetterQueueUrl));
    }

    [Fact]
    public async Task An_order_redelivered_after_more_than_a_thousand_later_orders_counts_nothing()
    {
        const int laterOrders = 1_001;
        var user = await RegisteredUser.Register(cluster.Grains);
        var early = An.OrderCompletedEvent().ForUser(user.UserId).Build();
        await sqs.Send(_queues.QueueUrl, early);
        await sqs.SendBatches(_queues.QueueUrl, [.. Enumerable.Range(0, laterOrders).Select(_ => An.OrderCompletedEvent().ForUser(user.UserId).Build())]);
        await Eventually.Until(
            async () => await user.OrderCount(cluster.Grains) == 1 + laterOrders, "every order counted", TimeSpan.FromMinutes(3));

        // Within the retention window, as a dead-letter redrive after a busy week would bring it back.
        await sqs.Send(_queues.QueueUrl, early);

        await WaitUntilQueueEmpty();
        Assert.Equal(1 + laterOrders, await user.OrderCount(cluster.Grains));
        Assert.Equal(0, await sqs.CountMessages(_queues.DeadLetterQueueUrl));
    }

    private Task WaitUntilQueueEmpty() =>
        Eventually.Until(async () => await sqs.CountMessages(_queues.QueueUrl) == 0, "every message deleted");
}
