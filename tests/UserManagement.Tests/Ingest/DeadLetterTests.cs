extern alias ingest;

using ingest::UserManagement.Ingest.Consumer;
using UserManagement.Tests.Builders;
using UserManagement.Tests.Infrastructure;

namespace UserManagement.Tests.Ingest;

/// <summary>Nothing is dropped silently: what can never succeed goes to the dead-letter queue with the reason.</summary>
[Collection(IngestCollection.Name)]
public sealed class DeadLetterTests(UserClusterFixture cluster, SqsEmulator sqs) : IAsyncLifetime
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
    public async Task Bad_messages_are_dead_lettered_or_skipped_and_the_good_ones_around_them_still_count()
    {
        var user = await RegisteredUser.Register(cluster.Grains);
        const string malformed = "{\"detail-type\": \"orders.orderCompleted.v2\", \"detail\": {";
        var unknownUser = An.OrderCompletedEvent().ForUser($"nobody-{Guid.NewGuid():N}@example.com").Build();
        var unknownType = An.OrderCompletedEvent().ForUser(user.UserId).WithEventType("orders.orderCancelled.v1").Build();

        string[] bodies =
        [
            An.OrderCompletedEvent().ForUser(user.UserId).Build(),
            malformed,
            An.OrderCompletedEvent().ForUser(user.EmailAddress).AsVersion1().Build(),
            unknownUser,
            unknownType,
            An.OrderCompletedEvent().ForUser(user.UserId).In(OrderEventEnvelope.EventBridge).Build(),
        ];
        foreach (var body in bodies)
        {
            await sqs.Send(_queues.QueueUrl, body);
        }

        await Eventually.Until(
            async () => await user.OrderCount(cluster.Grains) == 3 && await sqs.CountMessages(_queues.QueueUrl) == 0,
            "the good orders counted and every message settled");
        var deadLetters = await sqs.Drain(_queues.DeadLetterQueueUrl, expected: 2);
        Assert.Equal(
            [(malformed, "MalformedBody"), (unknownUser, "UnknownUser")],
            deadLetters
                .Select(m => (m.Body, m.MessageAttributes[DeadLetterQueue.ReasonAttribute].StringValue))
                .OrderBy(letter => letter.StringValue, StringComparer.Ordinal));
        Assert.Equal(3, await user.OrderCount(cluster.Grains));
    }

    public static TheoryData<string, string> NeverSucceeding => new()
    {
        { "not json at all", "MalformedBody" },
        { "[1, 2, 3]", "MalformedBody" },
        { "{\"Type\": \"Notification\", \"Message\": \"{not json\"}", "MalformedBody" },
        { "{\"specversion\": \"1.0\", \"id\": \"1\", \"data\": {}}", "MalformedBody" },
        { An.OrderCompletedEvent().ForUser("someone@example.com").WithoutData().Build(), "MalformedData" },
        { An.OrderCompletedEvent().ForUser("someone@example.com").WithOrderId(null).Build(), "MalformedData" },
        { An.OrderCompletedEvent().ForUser("someone@example.com").WithOrderId("").AsVersion1().Build(), "MalformedData" },
        { An.OrderCompletedEvent().ForUser("someone@example.com").WithOrderId(new string('1', 257)).Build(), "MalformedData" },
        { An.OrderCompletedEvent().ForUser("someone@example.com").WithOrderId(new string('é', 129)).Build(), "MalformedData" },
        { An.OrderCompletedEvent().ForUser("someone@example.com").WithOrderIdAsJson("12345").Build(), "MalformedData" },
        { An.OrderCompletedEvent().ForUser("not-a-user-id").Build(), "InvalidUserId" },
        { An.OrderCompletedEvent().In(OrderEventEnvelope.Sns).Build(), "MalformedData" },
        { An.OrderCompletedEvent().ForUser(Guid.NewGuid().ToString()).In(OrderEventEnvelope.EventBridge).Build(), "UnknownUser" },
        { An.OrderCompletedEvent().ForUser("someone@example.com").WithOrderIdAsJson("\"order-1\\ud800\"").Build(), "MalformedData" },
    };

    [Theory]
    [MemberData(nameof(NeverSucceeding))]
    public async Task A_message_that_can_never_succeed_is_moved_to_the_dead_letter_queue_with_the_reason(string body, string reason)
    {
        var sent = await sqs.Send(_queues.QueueUrl, body);

        var deadLetter = Assert.Single(await sqs.Drain(_queues.DeadLetterQueueUrl, expected: 1));
        Assert.Equal(body, deadLetter.Body);
        Assert.Equal(reason, deadLetter.MessageAttributes[DeadLetterQueue.ReasonAttribute].StringValue);
        Assert.Equal(sent.MessageId, deadLetter.MessageAttributes[DeadLetterQueue.SourceMessageIdAttribute].StringValue);
        Assert.False(string.IsNullOrWhiteSpace(deadLetter.MessageAttributes[DeadLetterQueue.DetailAttribute].StringValue));
        await Eventually.Until(async () => await sqs.CountMessages(_queues.QueueUrl) == 0, "the message taken off the source queue");
    }

    [Fact]
    public async Task An_event_type_this_service_does_not_consume_is_deleted_without_a_dead_letter()
    {
        var user = await RegisteredUser.Register(cluster.Grains);
        await sqs.Send(_queues.QueueUrl, An.OrderCompletedEvent().ForUser(user.UserId).WithEventType("users.userCreated.v1").Build());
        await sqs.Send(_queues.QueueUrl, An.OrderCompletedEvent().ForUser(user.UserId).Build());

        await Eventually.Until(
            async () => await user.OrderCount(cluster.Grains) == 1 && await sqs.CountMessages(_queues.QueueUrl) == 0,
            "the order counted and both messages deleted");
        Assert.Equal(0, await sqs.CountMessages(_queues.DeadLetterQueueUrl));
    }
}
