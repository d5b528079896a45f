using System.Globalization;
using UserManagement.Bench.Load;

namespace UserManagement.Bench.Hosting;

/// <summary>
/// The service as the local run starts it, on loopback ports of its own: dynalite, the EventBridge stand-in and the
/// built hosts as their own processes, configured as the local run (<c>src/AppHost</c>) configures them: co-hosted, one
/// silo that serves the API; split, a silo and a gateway (Kestrel). Plus what a benchmark needs: the rate limit lifted
/// and the baseline endpoints on.
/// </summary>
public sealed class ServiceUnderTest : IAsyncDisposable
{
    public const string TableName = "bench-user-state";
    public const string JwtSecret = "bench-signing-secret-for-this-machine-only-0000";

    /// <summary>Environment variables of the bench with this prefix are passed to the silo and gateway without it.</summary>
    public const string OverridePrefix = "BENCH_SERVICE_";

    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);

    private readonly List<IAsyncDisposable> _started = [];

    private ServiceUnderTest(bool coHosted) => CoHosted = coHosted;

    public bool CoHosted { get; }

    public Uri GatewayUrl { get; private set; } = null!;

    public DynaliteServer DynamoDB { get; private set; } = null!;

    /// <summary>The bench itself (the load generator), the gateway, the silo and dynalite, to see where CPU time goes.</summary>
    public IReadOnlyList<CpuProbe> CpuProbes { get; private set; } = [];

    /// <summary>The service's own processes only: the co-hosting silo, or the gateway and the silo.</summary>
    public IReadOnlyList<CpuProbe> ServiceCpuProbes { get; private set; } = [];

    public static async Task<ServiceUnderTest> StartAsync(CancellationToken cancellationToken, bool coHosted = true)
    {
        var service = new ServiceUnderTest(coHosted);
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
        DynamoDB = await DynaliteServer.StartAsync(cancellationToken);
        _started.Add(DynamoDB);

        var events = await EventBridgeEmulator.Start();
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
            ["AWS_ENDPOINT_URL_EVENTBRIDGE"] = events.Url.ToString(),
        };

        // For finding where time goes: BENCH_SERVICE_X=Y sets X=Y for the silo and the gateway (OTEL_SDK_DISABLED, say).
        foreach (System.Collections.DictionaryEntry variable in Environment.GetEnvironmentVariables())
        {
            if (variable.Key is string key && key.StartsWith(OverridePrefix, StringComparison.Ordinal))
            {
                shared[key[OverridePrefix.Length..]] = variable.Value as string ?? "";
            }
        }

        var api = new Dictionary<string, string>
        {
            ["Jwt__Secret"] = JwtSecret,
            ["OAuth__Issuer"] = "https://users.example.test/",
            ["OAuth__KeySecret"] = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
            ["RateLimiting__TokenLimit"] = "1000000",
            ["RateLimiting__TokensPerPeriod"] = "1000000",
            ["Benchmark__BaselineEndpoints"] = "true",
        };
        var silo = await StartHost("Silo", siloHttpPort, new Dictionary<string, string>(shared.Concat(CoHosted ? api : []))
        {
            ["Storage__users__TableName"] = TableName,
            ["Storage__users__CreateTableIfNotExists"] = "true",
            ["Reminders__CreateTableIfNotExists"] = "true",
            ["Events__Source"] = "bench.users",
            ["CoHosting__Api"] = CoHosted ? "true" : "false",
            ["CoHosting__Ingest"] = "false",
        }, cancellationToken);
        _started.Add(silo);
        if (CoHosted)
        {
            GatewayUrl = silo.Url;
            ServiceCpuProbes = [new CpuProbe("co-hosted silo", silo.ProcessId)];
        }
        else
        {
            var gateway = await StartHost("Gateway", gatewayHttpPort, new Dictionary<string, string>(shared.Concat(api)), cancellationToken);
            _started.Add(gateway);
            GatewayUrl = gateway.Url;
            ServiceCpuProbes = [new CpuProbe("gateway", gateway.ProcessId), new CpuProbe("silo", silo.ProcessId)];
        }

        CpuProbes = [CpuProbe.ThisProcess, .. ServiceCpuProbes, new CpuProbe("dynalite", DynamoDB.ProcessId)];
    }

    /// <summary>A built host, ready; its output goes to a log file, as a long run's would fill memory.</summary>
    private static Task<ServiceHost> StartHost(string name, int httpPort, Dictionary<string, string> environment, CancellationToken cancellationToken) =>
        ServiceHost.Launch(name.ToLowerInvariant(), name, environment, ReadyTimeout, httpPort, logToFile: true, cancellationToken);

    private static string Text(int number) => number.ToString(CultureInfo.InvariantCulture);
}
