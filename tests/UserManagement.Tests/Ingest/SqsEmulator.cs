using System.Diagnostics;
using System.Text.Json;
using Amazon.Runtime;
using Amazon.SQS;
using Amazon.SQS.Model;

namespace UserManagement.Tests.Ingest;

/// <summary>
/// fauxqs, started through the repository's own launcher (<c>emulators/sqs.mjs</c>) on a free loopback port, and an SQS
/// client for it. The emulator exits with the test process: it stops when its standard input closes.
/// </summary>
public sealed class SqsEmulator : IAsyncLifetime
{
    public const int MaxReceiveCount = 5;

    private Process? _process;

    public IAmazonSQS Client { get; private set; } = null!;

    public string Endpoint { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        var emulators = Path.Combine(RepositoryPaths.Root, "emulators");
        if (!Directory.Exists(Path.Combine(emulators, "node_modules")))
        {
            await Run("npm", "ci --prefix emulators --no-audit --no-fund --loglevel=error");
        }

        var start = new ProcessStartInfo("node", "emulators/sqs.mjs --no-queues --exit-with-stdin")
        {
            WorkingDirectory = RepositoryPaths.Root,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["SQS_PORT"] = "0";
        _process = Process.Start(start) ?? throw new InvalidOperationException("node did not start.");

        var readyLine = await _process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60))
            ?? throw new InvalidOperationException($"The SQS emulator exited: {await _process.StandardError.ReadToEndAsync()}");
        using var ready = JsonDocument.Parse(readyLine);
        Endpoint = ready.RootElement.GetProperty("endpoint").GetString()!;
        Client = new AmazonSQSClient(
            new BasicAWSCredentials("test", "test"),
            new AmazonSQSConfig { ServiceURL = Endpoint, AuthenticationRegion = "us-east-1" });
    }

    public async Task DisposeAsync()
    {
        Client?.Dispose();
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
    }

    /// <summary>A fresh queue and dead-letter queue, with a redrive policy as deployed, named uniquely for one test.</summary>
    public async Task<QueuePair> CreateQueuePair()
    {
        var name = $"orders-{Guid.NewGuid():N}";
        var deadLetterName = $"{name}-dlq";
        var deadLetterUrl = (await Client.CreateQueueAsync(deadLetterName)).QueueUrl;
        var deadLetterArn = (await Client.GetQueueAttributesAsync(deadLetterUrl, ["QueueArn"])).QueueARN;
        var queueUrl = (await Client.CreateQueueAsync(new CreateQueueRequest
        {
            QueueName = name,
            Attributes = new Dictionary<string, string>
            {
                ["RedrivePolicy"] = JsonSerializer.Serialize(new { deadLetterTargetArn = deadLetterArn, maxReceiveCount = MaxReceiveCount }),
            },
        })).QueueUrl;
        return new QueuePair(queueUrl, name, deadLetterUrl, deadLetterName);
    }

    /// <summary>Messages on the queue in any state: waiting, being worked on, or delayed.</summary>
    public async Task<int> CountMessages(string queueUrl)
    {
        var attributes = await Client.GetQueueAttributesAsync(
            queueUrl, ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible", "ApproximateNumberOfMessagesDelayed"]);
        return attributes.ApproximateNumberOfMessages + attributes.ApproximateNumberOfMessagesNotVisible
            + attributes.ApproximateNumberOfMessagesDelayed;
    }

    public Task<SendMessageResponse> Send(string queueUrl, string body) => Client.SendMessageAsync(queueUrl, body);

    /// <summary>Sends the bodies in batches of ten, as a producer under load would.</summary>
    public async Task SendBatches(string queueUrl, IReadOnlyList<string> bodies)
    {
        foreach (var chunk in bodies.Chunk(10))
        {
            var response = await Client.SendMessageBatchAsync(new SendMessageBatchRequest
            {
                QueueUrl = queueUrl,
                Entries = [.. chunk.Select((body, index) => new SendMessageBatchRequestEntry($"m{index}", body))],
            });
            Assert.Empty(response.Failed ?? []);
        }
    }

    /// <summary>Takes every message off a queue (a dead-letter queue, to inspect it), waiting for at least <paramref name="expected"/>.</summary>
    public async Task<List<Message>> Drain(string queueUrl, int expected)
    {
        var messages = new List<Message>();
        await Eventually.Until(async () =>
        {
            var response = await Client.ReceiveMessageAsync(new ReceiveMessageRequest
            {
                QueueUrl = queueUrl,
                MaxNumberOfMessages = 10,
                WaitTimeSeconds = 1,
                MessageAttributeNames = ["All"],
            });
            foreach (var message in response.Messages ?? [])
            {
                messages.Add(message);
                await Client.DeleteMessageAsync(queueUrl, message.ReceiptHandle);
            }

            return messages.Count >= expected;
        }, $"{expected} message(s) on {queueUrl}");
        return messages;
    }

    private static async Task Run(string fileName, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(fileName, arguments)
        {
            WorkingDirectory = RepositoryPaths.Root,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException($"{fileName} did not start.");
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{fileName} {arguments} failed with exit code {process.ExitCode}.");
        }
    }
}
