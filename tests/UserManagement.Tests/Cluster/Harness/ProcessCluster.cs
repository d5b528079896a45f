using System.Globalization;
using UserManagement.Tests.Events;
using UserManagement.Tests.Infrastructure;
using UserManagement.Tests.Persistence;

namespace UserManagement.Tests.Cluster.Harness;

/// <summary>
/// The whole service as separate processes on loopback, as it runs in production: Redis membership, DynamoDB
/// (dynalite), SQS (the emulator) and EventBridge (a stand-in); split, two silos, a gateway and an ingest worker;
/// co-hosted, two silos that each serve the API and consume the queue.
/// </summary>
public sealed class ProcessCluster : IAsyncDisposable
{
    public const string AdminEmailAddress = "admin@serverless-sample.com";
    public const string AdminPassword = "harness administrator passphrase";

    private readonly List<IAsyncDisposable> _owned = [];

    private ProcessCluster()
    {
    }

    public IReadOnlyList<ServiceHost> Silos { get; private set; } = [];

    public ServiceTopology Topology { get; private init; }

    /// <summary>The gateway process (split only).</summary>
    public ServiceHost Gateway { get; private set; } = null!;

    /// <summary>The ingest worker's process (split only).</summary>
    public ServiceHost Ingest { get; private set; } = null!;

    public SqsServer Sqs { get; private set; } = null!;

    /// <summary>Where the silos publish their events.</summary>
    public EventBridgeEmulator Events { get; private set; } = null!;

    public string ClusterId { get; } = $"harness-{Guid.NewGuid():N}";

    public string RedisConnectionString { get; private set; } = "";

    public IReadOnlyDictionary<string, string> SiloPorts { get; private set; } = new Dictionary<string, string>();

    public static async Task<ProcessCluster> Start(int silos = 2, ServiceTopology topology = ServiceTopology.Split)
    {
        var cluster = new ProcessCluster { Topology = topology };
        try
        {
            await cluster.StartAll(silos);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// A client of the API: split, the gateway's; co-hosted, every silo's in turn, a request that cannot connect tried
    /// on the next, as a load balancer in front of the nodes does.
    /// </summary>
    public HttpClient CreateApiClient(TimeSpan timeout) => Topology == ServiceTopology.Split
        ? new HttpClient { BaseAddress = Gateway.Url, Timeout = timeout }
        : new HttpClient(new NodeBalancer([.. Silos.Select(silo => silo.Url)])) { BaseAddress = Silos[0].Url, Timeout = timeout };

    public async ValueTask DisposeAsync()
    {
        foreach (var owned in Enumerable.Reverse(_owned))
        {
            await owned.DisposeAsync();
        }
    }

    private async Task StartAll(int silos)
    {
        var redis = Own(await RedisServer.Start());
        var dynamo = Own(await DynaliteServer.StartAsync());
        Sqs = Own(await SqsServer.StartAsync());
        Events = Own(await EventBridgeEmulator.Start());
        RedisConnectionString = redis.ConnectionString;

        var shared = new Dictionary<string, string>
        {
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Orleans__ClusterId"] = ClusterId,
            ["Orleans__ServiceId"] = "user-management",
            ["Orleans__Clustering__ProviderType"] = "Redis",
            ["Orleans__Clustering__ConnectionString"] = redis.ConnectionString,
            ["AWS_REGION"] = "us-east-1",
            ["AWS_ACCESS_KEY_ID"] = "local",
            ["AWS_SECRET_ACCESS_KEY"] = "local",
            ["AWS_EC2_METADATA_DISABLED"] = "true",
            ["AWS_ENDPOINT_URL_DYNAMODB"] = dynamo.ServiceUrl.ToString(),
            ["AWS_ENDPOINT_URL_SQS"] = Sqs.Endpoint.ToString(),
            ["AWS_ENDPOINT_URL_EVENTBRIDGE"] = Events.Url.ToString(),
            ["Logging__LogLevel__Default"] = "Warning",
        };

        var ports = new Dictionary<string, string>();
        var siloHosts = new List<ServiceHost>();
        for (var silo = 1; silo <= silos; silo++)
        {
            var siloPort = LoopbackPorts.Free();
            var environment = new Dictionary<string, string>(shared)
            {
                ["Orleans__Endpoints__SiloPort"] = siloPort.ToString(CultureInfo.InvariantCulture),
                ["Orleans__Endpoints__GatewayPort"] = LoopbackPorts.Free().ToString(CultureInfo.InvariantCulture),
                ["Storage__users__CreateTableIfNotExists"] = "true",
                ["Admin__EmailAddress"] = AdminEmailAddress,
                ["Admin__Password"] = AdminPassword,
                ["Reminders__CreateTableIfNotExists"] = "true",
                ["Outbox__RetryMaxDelay"] = "00:00:05",
                ["Outbox__AttemptTimeout"] = "00:00:15",
                ["Orleans__ReminderService__MinimumReminderPeriod"] = "00:00:05",
                ["CoHosting__Api"] = "false",
                ["CoHosting__Ingest"] = "false",
            };
            if (Topology == ServiceTopology.CoHosted)
            {
                foreach (var (key, value) in ApiSettings().Concat(IngestSettings()))
                {
                    environment[key] = value;
                }

                environment["CoHosting__Api"] = "true";
                environment["CoHosting__Ingest"] = "true";
            }

            var host = Own(await ServiceHost.Launch($"silo-{silo}", "Silo", environment, Patience));
            ports[host.Name] = siloPort.ToString(CultureInfo.InvariantCulture);
            siloHosts.Add(host);
        }

        Silos = siloHosts;
        SiloPorts = ports;
        if (Topology == ServiceTopology.CoHosted)
        {
            return;
        }

        var gateway = ServiceHost.Launch("gateway", "Gateway", new Dictionary<string, string>(shared.Concat(ApiSettings())), Patience);
        var ingest = ServiceHost.Launch("ingest", "Ingest", new Dictionary<string, string>(shared.Concat(IngestSettings())), Patience);
        try
        {
            await Task.WhenAll(gateway, ingest);
        }
        finally
        {
            // Whichever started is stopped with the rest, even when the other did not.
            foreach (var started in new[] { gateway, ingest }.Where(host => host.IsCompletedSuccessfully))
            {
                Own(started.Result);
            }
        }

        (Gateway, Ingest) = (gateway.Result, ingest.Result);
    }

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    /// <summary>What serves the API needs, a gateway or a co-hosting silo (every node with the same keys, as deployed).</summary>
    private static Dictionary<string, string> ApiSettings() => new(TestSettings.OAuthKeyVariables)
    {
        ["Jwt__Secret"] = TestSettings.JwtSecret,
        ["OAuth__Issuer"] = "https://users.example.test/",

        // An RSA key of its own for identity tokens, where in-process gateways derive one from the key secret.
        ["OAuth__IdentityTokenSigningKeyPem"] = IdentityTokenKey,
        ["RateLimiting__TokenLimit"] = "1000000",
        ["RateLimiting__TokensPerPeriod"] = "1000000",
    };

    private static readonly string IdentityTokenKey = System.Security.Cryptography.RSA.Create(2048).ExportPkcs8PrivateKeyPem();

    private Dictionary<string, string> IngestSettings() => new()
    {
        ["Ingest__QueueUrl"] = Sqs.QueueUrl,
        ["Ingest__DeadLetterQueueUrl"] = Sqs.DeadLetterQueueUrl,
        ["Ingest__WaitTime"] = "00:00:01",
        ["Ingest__RetryDelay"] = "00:00:01",
    };

    private T Own<T>(T owned) where T : IAsyncDisposable
    {
        _owned.Add(owned);
        return owned;
    }
}
