using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Amazon.DynamoDBv2;
using Amazon.Runtime;

namespace UserManagement.Tests.Persistence;

/// <summary>
/// A dynalite process (a DynamoDB stand-in) on a free loopback port, in memory, with tables active at once.
/// Installs the pinned emulators from <c>emulators/package-lock.json</c> when they are missing.
/// </summary>
/// <remarks>Shared by the tests and the benchmarks, so it depends on neither.</remarks>
public sealed class DynaliteServer : IAsyncDisposable
{
    private const string ListeningLine = "Dynalite listening at";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private static readonly SemaphoreSlim InstallLock = new(1, 1);

    private readonly Process _process;

    private DynaliteServer(Process process, int port)
    {
        _process = process;
        ServiceUrl = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");
    }

    public Uri ServiceUrl { get; }

    public int ProcessId => _process.Id;

    public static async Task<DynaliteServer> StartAsync(CancellationToken cancellationToken = default)
    {
        var emulators = Path.Combine(RepositoryRoot.Find(), "emulators");
        var cli = Path.Combine(emulators, "node_modules", "dynalite", "cli.js");
        await InstallAsync(emulators, cli, cancellationToken);

        // The port is free when asked but could be taken before dynalite binds it; another port then does.
        for (var attempt = 1; ; attempt++)
        {
            var port = FreeLoopbackPort();
            var process = Start(cli, port);
            if (await WaitUntilListeningAsync(process, cancellationToken))
            {
                return new DynaliteServer(process, port);
            }

            var error = await process.StandardError.ReadToEndAsync(cancellationToken);
            process.Dispose();
            if (attempt == 3)
            {
                throw new InvalidOperationException($"dynalite did not start: {error}");
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

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static async Task InstallAsync(string emulators, string cli, CancellationToken cancellationToken)
    {
        await InstallLock.WaitAsync(cancellationToken);
        try
        {
            if (File.Exists(cli))
            {
                return;
            }

            using var npm = Process.Start(new ProcessStartInfo("npm", ["ci", "--prefix", emulators, "--no-audit", "--no-fund"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            }) ?? throw new InvalidOperationException("npm could not be started; Node.js and npm are needed for the emulators.");
            var output = npm.StandardOutput.ReadToEndAsync(cancellationToken);
            var error = npm.StandardError.ReadToEndAsync(cancellationToken);
            await npm.WaitForExitAsync(cancellationToken);
            if (npm.ExitCode != 0 || !File.Exists(cli))
            {
                throw new InvalidOperationException(
                    $"'npm ci --prefix {emulators}' failed ({npm.ExitCode}): {await output}{await error}");
            }
        }
        finally
        {
            InstallLock.Release();
        }
    }

    private static Process Start(string cli, int port) =>
        Process.Start(new ProcessStartInfo(
            "node",
            [
                cli,
                "--host", "127.0.0.1",
                "--port", port.ToString(CultureInfo.InvariantCulture),
                "--createTableMs", "0",
                "--deleteTableMs", "0",
                "--updateTableMs", "0",
            ])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        }) ?? throw new InvalidOperationException("node could not be started; Node.js is needed for the emulators.");

    private static async Task<bool> WaitUntilListeningAsync(Process process, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(StartTimeout);
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith(ListeningLine, StringComparison.Ordinal))
            {
                // Nobody reads further; drain it so dynalite never blocks on a full pipe.
                _ = process.StandardOutput.BaseStream.CopyToAsync(Stream.Null, CancellationToken.None);
                return true;
            }
        }

        await process.WaitForExitAsync(cancellationToken);
        return false;
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
