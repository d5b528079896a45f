using System.Text.Json;
using Amazon.Runtime;
using Amazon.SQS;
using Amazon.SQS.Model;

namespace UserManagement.Testing;

/// <summary>
/// The SQS emulator (fauxqs) through the repository's launcher (<c>emulators/sqs.mjs</c>, loopback only) on a free port,
/// and a client for it; with the service's queue and its dead-letter queue, or none. It exits with the process that
/// started it.
/// </summary>
public sealed class SqsServer : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly ChildProcess _process;
    private readonly string? _queueUrl;
    private readonly string? _deadLetterQueueUrl;

    private SqsServer(ChildProcess process, JsonElement ready)
    {
        _process = process;
        Endpoint = new Uri(ready.GetProperty("endpoint").GetString()!);
        _queueUrl = ready.TryGetProperty("queueUrl", out var queue) ? queue.GetString() : null;
        _deadLetterQueueUrl = ready.TryGetProperty("deadLetterQueueUrl", out var deadLetters) ? deadLetters.GetString() : null;
        Client = new AmazonSQSClient(
            new BasicAWSCredentials("local", "local"),
            new AmazonSQSConfig { ServiceURL = Endpoint.ToString(), AuthenticationRegion = "us-east-1" });
    }

    public Uri Endpoint { get; }

    /// <summary>The service's queue; only when started with it.</summary>
    public string QueueUrl => _queueUrl ?? throw new InvalidOperationException("The emulator was started without the service's queues.");

    /// <summary>The service's dead-letter queue; only when started with it.</summary>
    public string DeadLetterQueueUrl => _deadLetterQueueUrl ?? throw new InvalidOperationException("The emulator was started without the service's queues.");

    public IAmazonSQS Client { get; }

    public int ProcessId => _process.ProcessId;

    /// <param name="withServiceQueues">Create the service's queue and dead-letter queue, as the local run does.</param>
    public static async Task<SqsServer> StartAsync(bool withServiceQueues = true, CancellationToken cancellationToken = default)
    {
        await EmulatorPackages.EnsureInstalled(cancellationToken);
        List<string> arguments = [Path.Combine(EmulatorPackages.Folder, "sqs.mjs"), "--exit-with-stdin"];
        if (!withServiceQueues)
        {
            arguments.Add("--no-queues");
        }

        var process = ChildProcess.Start("sqs", "node", arguments, new Dictionary<string, string> { ["SQS_PORT"] = "0" });
        try
        {
            // The launcher prints one JSON line once it listens.
            var line = await process.WaitForLine(line => line.StartsWith('{'), StartTimeout);
            using var ready = JsonDocument.Parse(line);
            return new SqsServer(process, ready.RootElement.Clone());
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
    }

    /// <summary>A fresh queue, so that every run starts from an empty one.</summary>
    public async Task<string> CreateQueueAsync(CancellationToken cancellationToken = default) =>
        (await Client.CreateQueueAsync(new CreateQueueRequest { QueueName = $"orders-{Guid.NewGuid():N}" }, cancellationToken)).QueueUrl;

    /// <summary>Sends the bodies in batches of ten, as a producer under load would.</summary>
    public async Task SendAsync(string queueUrl, IReadOnlyList<string> bodies, CancellationToken cancellationToken = default)
    {
        foreach (var chunk in bodies.Chunk(10))
        {
            var response = await Client.SendMessageBatchAsync(
                new SendMessageBatchRequest
                {
                    QueueUrl = queueUrl,
                    Entries = [.. chunk.Select((body, index) => new SendMessageBatchRequestEntry($"m{index}", body))],
                },
                cancellationToken);
            if (response.Failed is { Count: > 0 } failed)
            {
                throw new InvalidOperationException($"SendMessageBatch failed for {failed.Count} message(s): {failed[0].Message}");
            }
        }
    }

    /// <summary>Messages on the queue in any state: waiting, being worked on, or delayed.</summary>
    public async Task<int> CountAsync(string queueUrl, CancellationToken cancellationToken = default)
    {
        var attributes = await Client.GetQueueAttributesAsync(
            new GetQueueAttributesRequest
            {
                QueueUrl = queueUrl,
                AttributeNames = ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible", "ApproximateNumberOfMessagesDelayed"],
            },
            cancellationToken);
        return attributes.ApproximateNumberOfMessages + attributes.ApproximateNumberOfMessagesNotVisible
            + attributes.ApproximateNumberOfMessagesDelayed;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _process.DisposeAsync();
    }
}
