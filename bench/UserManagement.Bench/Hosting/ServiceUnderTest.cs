using System.Globalization;
using UserManagement.Bench.Load;
using UserManagement.Tests.Persistence;

namespace UserManagement.Bench.Hosting;

/// <summary>
/// The service as the local run starts it, on loopback ports of its own: dynalite, the EventBridge stand-in, the built
/// silo and the built gateway (Kestrel) as their own processes, configured as the local run (<c>src/AppHost</c>) configures them,
/// plus what a benchmark needs: the rate limit lifted and the baseline endpoints on.
/// </summary>
public sealed class ServiceUnderTest : IAsyncDisposable
{
    public const string TableName = "bench-user-state";
    public const string JwtSecret = "bench-signing-secret-for-this-machine-only-0000";

    /// <summary>Environment variables of the bench with this prefix are passed to the silo and gateway without it.</summary>
    public const string OverridePrefix = "BENCH_SERVICE_";

    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);

    private readonly List<IAsyncDisposable> _started = [];

    private ServiceUnderTest()
    {
    }

    public Uri GatewayUrl { get; private set; } = null!;

    public DynaliteServer DynamoDB { get; private set; } = null!;

    /// <summary>The bench itself (the load generator), the gateway, the silo and dynalite, to see where CPU time goes.</summary>
    public IReadOnlyList<CpuProbe> CpuProbes { get; private set; } = [];

    public static async Task<ServiceUnderTest> StartAsync(CancellationToken cancellationToken)
    {
        var service = new ServiceUnderTest();
        try
        {
            await service.StartAllAsync(cancellationToken);
            return service;
        }
        catch
        {
            await service.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        for (var i = _started.Count - 1; i >= 0; i--)
        {
            await _started[i].DisposeAsync();
        }

        _started.Clear();
    }

    private async Task StartAllAsync(CancellationToken cancellationToken)
    {
        var root = RepositoryRoot.Find();
        DynamoDB = await DynaliteServer.StartAsync(cancellationToken);
        _started.Add(DynamoDB);

        var eventsPort = LoopbackPorts.Free();
        var events = ChildProcess.Start(
            "events", "node", [Path.Combine(root, "emulators", "eventbridge.mjs"), "--port", Text(eventsPort)], new Dictionary<string, string>());
        _started.Add(events);

        var (siloPort, gatewayPort, siloHttpPort, gatewayHttpPort) = (LoopbackPorts.Free(), LoopbackPorts.Free(), LoopbackPorts.Free(), LoopbackPorts.Free());
        var shared = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Orleans__ClusterId"] = "bench",
            ["Orleans__ServiceId"] = "bench",
            ["Orleans__Endpoints__SiloPort"] = Text(siloPort),
            ["Orleans__Endpoints__GatewayPort"] = Text(gatewayPort),
            ["Orleans__Clustering__Gateways__0"] = $"127.0.0.1:{Text(gatewayPort)}",
            ["AWS_REGION"] = "us-east-1",
            ["AWS_ACCESS_KEY_ID"] = "local",
            ["AWS_SECRET_ACCESS_KEY"] = "local",
            ["AWS_EC2_METADATA_DISABLED"] = "true",
            ["AWS_ENDPOINT_URL_DYNAMODB"] = DynamoDB.ServiceUrl.ToString(),
            ["AWS_ENDPOINT_URL_EVENTBRIDGE"] = $"http://127.0.0.1:{Text(eventsPort)}",
        };

        // For finding where time goes: BENCH_SERVICE_X=Y sets X=Y for the silo and the gateway (OTEL_SDK_DISABLED, say).
        foreach (System.Collections.DictionaryEntry variable in Environment.GetEnvironmentVariables())
        {
            if (variable.Key is string key && key.StartsWith(OverridePrefix, StringComparison.Ordinal))
            {
                shared[key[OverridePrefix.Length..]] = variable.Value as string ?? "";
            }
        }

        var silo = StartHost(root, "Silo", siloHttpPort, new Dictionary<string, string>(shared)
        {
            ["Storage__users__TableName"] = TableName,
            ["Storage__users__CreateTableIfNotExists"] = "true",
            ["Reminders__CreateTableIfNotExists"] = "true",
            ["Events__Source"] = "bench.users",
        });
        _started.Add(silo);
        await WaitUntilReadyAsync(silo, new Uri($"http://127.0.0.1:{Text(siloHttpPort)}/health/ready"), cancellationToken);

        var gateway = StartHost(root, "Gateway", gatewayHttpPort, new Dictionary<string, string>(shared)
        {
            ["Jwt__Secret"] = JwtSecret,
            ["OAuth__Issuer"] = "https://users.example.test/",
            ["OAuth__KeySecret"] = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
            ["RateLimiting__TokenLimit"] = "1000000",
            ["RateLimiting__TokensPerPeriod"] = "1000000",
            ["Benchmark__BaselineEndpoints"] = "true",
        });
        _started.Add(gateway);
        GatewayUrl = new Uri($"http://127.0.0.1:{Text(gatewayHttpPort)}");
        await WaitUntilReadyAsync(gateway, new Uri(GatewayUrl, "/health/ready"), cancellationToken);
        CpuProbes =
        [
            CpuProbe.ThisProcess,
            new CpuProbe("gateway", gateway.ProcessId),
            new CpuProbe("silo", silo.ProcessId),
            new CpuProbe("dynalite", DynamoDB.ProcessId),
        ];
    }

    /// <summary>A built host started from its own folder as content root, so its appsettings.json applies.</summary>
    private static ChildProcess StartHost(string root, string name, int httpPort, Dictionary<string, string> environment)
    {
        var folder = Path.Combine(root, "src", name, "bin", "Release", "net10.0");
        var assembly = Path.Combine(folder, $"UserManagement.{name}.dll");
        if (!File.Exists(assembly))
        {
            throw new InvalidOperationException($"{assembly} is missing; run the bench with -c Release, which builds it.");
        }

        return ChildProcess.Start(
            name.ToLowerInvariant(),
            "dotnet",
            [assembly, "--contentRoot", folder, "--urls", $"http://127.0.0.1:{Text(httpPort)}"],
            environment);
    }

    private static async Task WaitUntilReadyAsync(ChildProcess process, Uri health, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + ReadyTimeout;
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            try
            {
                using var response = await http.GetAsync(health, cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
            }

            await Task.Delay(250, cancellationToken);
        }

        throw new InvalidOperationException($"The {process.Name} did not become ready at {health}; see {process.LogPath}.");
    }

    private static string Text(int number) => number.ToString(CultureInfo.InvariantCulture);
}
