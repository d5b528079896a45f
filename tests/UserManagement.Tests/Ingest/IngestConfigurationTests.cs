using Microsoft.Extensions.Options;
using UserManagement.Tests.Builders;
using UserManagement.Tests.Infrastructure;

namespace UserManagement.Tests.Ingest;

/// <summary>The worker finds its queues by URL or by name, and refuses to start on settings that cannot work.</summary>
[Collection(IngestCollection.Name)]
public sealed class IngestConfigurationTests(UserClusterFixture cluster, SqsEmulator sqs)
{
    [Fact]
    public async Task Queues_given_by_name_are_looked_up()
    {
        var queues = await sqs.CreateQueuePair();
        var user = await RegisteredUser.Register(cluster.Grains);
        await using var ingest = await IngestHost.Start(cluster, sqs, queues, new Dictionary<string, string?>
        {
            ["Ingest:QueueUrl"] = "",
            ["Ingest:QueueName"] = queues.QueueName,
            ["Ingest:DeadLetterQueueName"] = "",
            ["Ingest:DeadLetterQueueUrl"] = queues.DeadLetterQueueUrl,
        });

        await sqs.Send(queues.QueueUrl, An.OrderCompletedEvent().ForUser(user.UserId).Build());
        await sqs.Send(queues.QueueUrl, "not json");

        await Eventually.Until(
            async () => await user.OrderCount(cluster.Grains) == 1 && await sqs.CountMessages(queues.QueueUrl) == 0,
            "the order counted and both messages settled");
        Assert.Single(await sqs.Drain(queues.DeadLetterQueueUrl, expected: 1));
    }

    public static TheoryData<string, string?, string> Unworkable => new()
    {
        { "Ingest:QueueUrl", "", "Ingest:QueueUrl or Ingest:QueueName" },
        { "Ingest:DeadLetterQueueName", "", "Ingest:DeadLetterQueueUrl or Ingest:DeadLetterQueueName" },
        { "Ingest:Heartbeat", "00:00:10", "Ingest:Heartbeat" },
        { "Ingest:MaxMessages", "11", "MaxMessages" },
        { "Ingest:Pollers", "0", "Pollers" },
        { "Ingest:WaitTime", "00:00:21", "WaitTime" },
        { "Ingest:ClusterProbeDelay", "00:00:00", "ClusterProbeDelay" },
        { "Ingest:ClusterProbeMaxDelay", "00:00:00.500", "Ingest:ClusterProbeMaxDelay" },
    };

    [Theory]
    [MemberData(nameof(Unworkable))]
    public async Task Settings_that_cannot_work_stop_the_worker_at_start_up_naming_the_key(string key, string? value, string named)
    {
        var queues = await sqs.CreateQueuePair();

        var refusal = await Assert.ThrowsAsync<OptionsValidationException>(
            () => IngestHost.Start(cluster, sqs, queues, new Dictionary<string, string?> { [key] = value }));

        Assert.Contains(named, refusal.Message, StringComparison.Ordinal);
    }
}
