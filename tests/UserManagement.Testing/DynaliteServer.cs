using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.Runtime;

namespace UserManagement.Testing;

/// <summary>A dynalite process (a DynamoDB stand-in) on a free loopback port, in memory, with tables active at once.</summary>
public sealed class DynaliteServer : IAsyncDisposable
{
    private const string ListeningLine = "Dynalite listening at";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private readonly ChildProcess _process;

    private DynaliteServer(ChildProcess process, int port)
    {
        _process = process;
        ServiceUrl = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");
    }

    public Uri ServiceUrl { get; }

    public int ProcessId => _process.ProcessId;

    public static async Task<DynaliteServer> StartAsync(CancellationToken cancellationToken = default)
    {
        await EmulatorPackages.EnsureInstalled(cancellationToken);
        var cli = Path.Combine(EmulatorPackages.Folder, "node_modules", "dynalite", "cli.js");

        // The port is free when asked but could be taken before dynalite binds it; another port then does.
        for (var attempt = 1; ; attempt++)
        {
            var port = LoopbackPorts.Free();
            var process = ChildProcess.Start(
                "dynalite",
                "node",
                [
                    cli,
                    "--host", "127.0.0.1",
                    "--port", port.ToString(CultureInfo.InvariantCulture),
                    "--createTableMs", "0",
                    "--deleteTableMs", "0",
                    "--updateTableMs", "0",
                ],
                new Dictionary<string, string>());
            try
            {
                await process.WaitForLine(line => line.StartsWith(ListeningLine, StringComparison.Ordinal), StartTimeout);
                return new DynaliteServer(process, port);
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
                await process.DisposeAsync();
            }
        }
    }

    /// <summary>A client for this server with placeholder credentials; the caller disposes it.</summary>
    public AmazonDynamoDBClient CreateClient() => CreateClient(ServiceUrl);

    /// <summary>A client for any endpoint with placeholder credentials, as a local run or a test would configure it.</summary>
    public static AmazonDynamoDBClient CreateClient(Uri serviceUrl) =>
        new(
            new BasicAWSCredentials("local", "local"),
            new AmazonDynamoDBConfig { ServiceURL = serviceUrl.ToString(), AuthenticationRegion = "us-east-1" });

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
