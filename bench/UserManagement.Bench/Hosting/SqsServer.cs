using System.Text.Json;
using Amazon.Runtime;
using Amazon.SQS;
using Amazon.SQS.Model;

namespace UserManagement.Bench.Hosting;

/// <summary>
/// The repository's SQS emulator (<c>emulators/sqs.mjs</c>, fauxqs) on a free loopback port, without its default queues,
/// and a client for it. The emulator stops when the bench kills it or closes its standard input.
/// </summary>
public sealed class SqsServer : IAsyncDisposable
{
    private readonly ChildProcess _process;

    private SqsServer(ChildProcess process, string endpoint)
    {
        _process = process;
        Client = new AmazonSQSClient(
            new BasicAWSCredentials("local", "local"),
            new AmazonSQSConfig { ServiceURL = endpoint, AuthenticationRegion = "us-east-1" });
    }

    public IAmazonSQS Client { get; }

    public int ProcessId => _process.ProcessId;

    public static async Task<SqsServer> StartAsync(string repositoryRoot, CancellationToken cancellationToken)
    {
        var process = ChildProcess.Start(
            "sqs", "node", [Path.Combine(repositoryRoot, "emulators", "sqs.mjs"), "--no-queues"], new Dictionary<string, string> { ["SQS_PORT"] = "0" });
        try
        {
            // The launcher prints one JSON line once it listens; the child's output goes to its log file.
            for (var attempt = 0; attempt < 300; attempt++)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
                if (process.HasExited)
                {
                    throw new InvalidOperationException($"The SQS emulator exited; see {process.LogPath}.");
                }

                var line = ReadFirstLine(process.LogPath);
                if (line is not null && line.StartsWith('{'))
                {
                    using var ready = JsonDocument.Parse(line);
                    return new SqsServer(process, ready.RootElement.GetProperty("endpoint").GetString()!);
                }
            }

            throw new TimeoutException($"The SQS emulator did not start within 30 s; see {process.LogPath}.");
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
    }

    /// <summary>A fresh queue, so that every round starts from an empty one.</summary>
    public async Task<string> CreateQueueAsync(CancellationToken cancellationToken) =>
        (await Client.CreateQueueAsync(new CreateQueueRequest { QueueName = $"bench-orders-{Guid.NewGuid():N}" }, cancellationToken)).QueueUrl;

    /// <summary>Sends the bodies in batches of ten, as a producer under load would.</summary>
    public async Task SendAsync(string queueUrl, IReadOnlyList<string> bodies, CancellationToken cancellationToken)
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

    /// <summary>Messages on the queue in any state: waiting or being worked on.</summary>
    public async Task<int> CountAsync(string queueUrl, CancellationToken cancellationToken)
    {
        var attributes = await Client.GetQueueAttributesAsync(
            new GetQueueAttributesRequest { QueueUrl = queueUrl, AttributeNames = ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"] },
            cancellationToken);
        return attributes.ApproximateNumberOfMessages + attributes.ApproximateNumberOfMessagesNotVisible;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _process.DisposeAsync();
    }

    private static string? ReadFirstLine(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return reader.ReadLine();
    }
}
