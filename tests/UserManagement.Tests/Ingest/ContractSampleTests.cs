using UserManagement.Tests.Infrastructure;

namespace UserManagement.Tests.Ingest;

/// <summary>The contract's sample messages, in each of the three envelopes, v1 and v2, naming the user by id or by email.</summary>
[Collection(IngestCollection.Name)]
public sealed class ContractSampleTests(UserClusterFixture cluster, SqsEmulator sqs) : IAsyncLifetime, IDisposable
{
    /// <summary>The user every sample names; replaced by a registered user's address or id.</summary>
    private const string SampleUser = "jane.doe@example.com";

    private readonly CapturingLoggerProvider _logs = new();
    private QueuePair _queues = null!;
    private IngestHost _ingest = null!;

    public static TheoryData<string, bool> Samples => new()
    {
        { "order-completed-v1.eventbridge.json", false },
        { "order-completed-v1.eventbridge.json", true },
        { "order-completed-v1.sns.json", false },
        { "order-completed-v1.sns.json", true },
        { "order-completed-v2.cloudevent.json", false },
        { "order-completed-v2.cloudevent.json", true },
    };

    public async Task InitializeAsync()
    {
        _queues = await sqs.CreateQueuePair();
        _ingest = await IngestHost.Start(cluster, sqs, _queues, logs: _logs);
    }

    public async Task DisposeAsync() => await _ingest.DisposeAsync();

    public void Dispose() => _logs.Dispose();

    [Theory]
    [MemberData(nameof(Samples))]
    public async Task A_sample_message_counts_one_order_for_the_user_it_names(string sample, bool byEmailAddress)
    {
        var user = await RegisteredUser.Register(cluster.Grains);
        var body = File.ReadAllText(Path.Combine(RepositoryPaths.ContractMessages, sample))
            .Replace(SampleUser, byEmailAddress ? user.EmailAddress : user.UserId, StringComparison.Ordinal);

        await sqs.Send(_queues.QueueUrl, body);

        await Eventually.Until(
            async () => await user.OrderCount(cluster.Grains) == 1 && await sqs.CountMessages(_queues.QueueUrl) == 0,
            "the order counted and the message deleted");
        Assert.Equal(1, await user.OrderCount(cluster.Grains));
        Assert.Equal(0, await sqs.CountMessages(_queues.DeadLetterQueueUrl));
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public async Task Nothing_of_the_body_is_logged(string sample, bool byEmailAddress)
    {
        var user = await RegisteredUser.Register(cluster.Grains);
        var body = File.ReadAllText(Path.Combine(RepositoryPaths.ContractMessages, sample))
            .Replace(SampleUser, byEmailAddress ? user.EmailAddress : user.UserId, StringComparison.Ordinal);

        await sqs.Send(_queues.QueueUrl, body);
        await Eventually.Until(async () => await sqs.CountMessages(_queues.QueueUrl) == 0, "the message deleted");

        Assert.Contains(_logs.Lines, line => line.StartsWith("UserManagement.Ingest", StringComparison.Ordinal));
        Assert.DoesNotContain(_logs.Lines, line => line.Contains(user.EmailAddress, StringComparison.OrdinalIgnoreCase));
    }
}
