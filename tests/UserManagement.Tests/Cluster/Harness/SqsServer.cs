using System.Text.Json;
using UserManagement.Tests.Persistence;

namespace UserManagement.Tests.Cluster.Harness;

/// <summary>The SQS emulator through the project's launcher (loopback only), with the service's queue and its dead-letter queue.</summary>
public sealed class SqsServer : IAsyncDisposable
{
    private readonly ChildProcess _process;

    private SqsServer(ChildProcess process, Uri endpoint, string queueUrl, string deadLetterQueueUrl)
    {
        _process = process;
        Endpoint = endpoint;
        QueueUrl = queueUrl;
        DeadLetterQueueUrl = deadLetterQueueUrl;
    }

    public Uri Endpoint { get; }

    public string QueueUrl { get; }

    public string DeadLetterQueueUrl { get; }

    public static async Task<SqsServer> Start()
    {
        await using (await DynaliteServer.StartAsync())
        {
            // Starting dynalite once installs the pinned emulators, fauxqs among them, when they are missing.
        }

        var launcher = Path.Combine(RepositoryRoot.Find(), "emulators", "sqs.mjs");
        var process = ChildProcess.Start("sqs", "node", [launcher, "--exit-with-stdin"], new Dictionary<string, string> { ["SQS_PORT"] = "0" });
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            var ready = process.Output.FirstOrDefault(line => line.StartsWith('{'));
            if (ready is not null)
            {
                using var json = JsonDocument.Parse(ready);
                var root = json.RootElement;
                return new SqsServer(
                    process,
                    new Uri(root.GetProperty("endpoint").GetString()!),
                    root.GetProperty("queueUrl").GetString()!,
                    root.GetProperty("deadLetterQueueUrl").GetString()!);
            }

            await Task.Delay(100);
        }

        await process.DisposeAsync();
        throw new InvalidOperationException("The SQS emulator did not start: " + string.Join('\n', process.Output));
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
