extern alias ingest;

using System.Net;
using FsCheck;
using FsCheck.Fluent;
using ingest::UserManagement.Ingest.Consumer;
using UserManagement.Tests.Builders;
using UserManagement.Tests.Infrastructure;

namespace UserManagement.Tests.Ingest;

/// <summary>
/// Whatever a producer puts on the bus, the worker lives on, every valid order counts exactly once, everything malformed
/// is in the dead-letter queue with its reason, and nothing is left on the queue.
/// </summary>
[Collection(IngestCollection.Name)]
public sealed class HostileMessageProperties(UserClusterFixture cluster, SqsEmulator sqs)
{
    private const int HostileMessages = 520;
    private const int ValidOrders = 120;

    /// <summary>One run of the whole stream; a failure reports FsCheck's seed to replay it, not a shrunk case.</summary>
    private static readonly Config OneStream = Config.QuickThrowOnFailure.WithMaxTest(1);

    [Fact]
    public async Task Hostile_messages_among_valid_orders_leave_the_worker_alive_and_every_message_settled_as_it_should_be()
    {
        var users = await RegisterUsers(4);
        var streams = HostileOrderMessages.Mixed([.. users.Select(u => (u.UserId, u.EmailAddress))], HostileMessages, ValidOrders);

        // FsCheck runs a property synchronously; queues and grains answer only asynchronously.
        Prop.ForAll(Arb.From(streams), messages => Verify(users, messages).GetAwaiter().GetResult()).Check(OneStream);
    }

    private async Task Verify(RegisteredUser[] users, OrderMessage[] messages)
    {
        var queues = await sqs.CreateQueuePair();
        var countsBefore = await Task.WhenAll(users.Select(user => user.OrderCount(cluster.Grains)));
        await using var ingest = await IngestHost.Start(cluster, sqs, queues);

        // Every valid order is sent twice, the second time somewhere later in the stream: it must count once.
        var redelivered = messages.Where(m => m.Fate == ExpectedFate.Counted).Where((_, i) => i % 4 == 0);
        var sent = new List<(OrderMessage Message, string MessageId)>();
        foreach (var message in messages.Concat(redelivered))
        {
            sent.Add((message, (await sqs.Send(queues.QueueUrl, message.Body)).MessageId));
        }

        // An empty queue means every message settled: a dead letter is sent before its message is deleted.
        await Eventually.Until(async () => await sqs.CountMessages(queues.QueueUrl) == 0, "the queue emptied", TimeSpan.FromMinutes(3));
        var deadLetters = new List<Amazon.SQS.Model.Message>();
        while (await sqs.CountMessages(queues.DeadLetterQueueUrl) > 0)
        {
            deadLetters.AddRange(await sqs.Drain(queues.DeadLetterQueueUrl, expected: 1));
        }

        Assert.Equal(HttpStatusCode.OK, await ingest.Liveness());
        var expectedDeadLetters = sent.Where(s => s.Message.Fate == ExpectedFate.DeadLettered).ToDictionary(s => s.MessageId, s => s.Message);
        var unexpected = deadLetters
            .Select(letter => letter.MessageAttributes[DeadLetterQueue.SourceMessageIdAttribute].StringValue)
            .Where(id => !expectedDeadLetters.ContainsKey(id))
            .Select(id => sent.First(s => s.MessageId == id).Message.Why);
        Assert.Empty(unexpected);
        var missing = expectedDeadLetters.Keys.Except(deadLetters.Select(letter => letter.MessageAttributes[DeadLetterQueue.SourceMessageIdAttribute].StringValue));
        Assert.Empty(missing.Select(id => expectedDeadLetters[id].Why));
        Assert.Equal(expectedDeadLetters.Count, deadLetters.Count);
        Assert.All(deadLetters, letter => Assert.False(
            string.IsNullOrEmpty(letter.MessageAttributes[DeadLetterQueue.ReasonAttribute].StringValue),
            expectedDeadLetters[letter.MessageAttributes[DeadLetterQueue.SourceMessageIdAttribute].StringValue].Why));

        for (var i = 0; i < users.Length; i++)
        {
            var expected = messages.Where(m => m.Fate == ExpectedFate.Counted && m.UserId == users[i].UserId).Select(m => m.OrderId).Distinct().Count();
            Assert.Equal(countsBefore[i] + expected, await users[i].OrderCount(cluster.Grains));
        }
    }

    private async Task<RegisteredUser[]> RegisterUsers(int count)
    {
        var users = new RegisteredUser[count];
        for (var i = 0; i < count; i++)
        {
            users[i] = await RegisteredUser.Register(cluster.Grains);
        }

        return users;
    }
}
