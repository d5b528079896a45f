using System.Globalization;
using UserManagement.Tests.Events;
using UserManagement.Tests.Infrastructure;
using UserManagement.Tests.Persistence;

namespace UserManagement.Tests.Cluster.Harness;

/// <summary>
/// The whole service as separate processes on loopback, as it runs in production: Redis membership, DynamoDB
/// (dynalite), SQS (the emulator) and EventBridge (a stand-in); two silos, a gateway and an ingest worker.
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

    public ServiceHost Gateway { get; private set; } = null!;

    public ServiceHost Ingest { get; private set; } = null!;

    public SqsServer Sqs { get; private set; } = null!;

    /// <summary>Where the silos publish their events.</summary>
    public EventBridgeStandIn Events { get; private set; } = null!;

    public string ClusterId { get; } = $"harness-{Guid.NewGuid():N}";

    public string RedisConnectionString { get; private set; } = "";

    public IReadOnlyDictionary<string, string> SiloPorts { get; private set; } = new Dictionary<string, string>();

    public static async Task<ProcessCluster> Start(int silos = 2)
    {
        var cluster = new ProcessCluster();
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
        Events = Own(await EventBridgeStandIn.Start());
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
            };
            var host = Own(await ServiceHost.Launch($"silo-{silo}", "Silo", environment, Patience));
            ports[host.Name] = siloPort.ToString(CultureInfo.InvariantCulture);
            siloHosts.Add(host);
        }

        Silos = siloHosts;
        SiloPorts = ports;
        var gateway = ServiceHost.Launch("gateway", "Gateway", new Dictionary<string, string>(shared.Concat(TestSettings.OAuthKeyVariables))
        {
            ["Jwt__Secret"] = TestSettings.JwtSecret,
            ["OAuth__Issuer"] = "https://users.example.test/",

            // An RSA key of its own for identity tokens, where in-process gateways derive one from the key secret.
            ["OAuth__IdentityTokenSigningKeyPem"] = System.Security.Cryptography.RSA.Create(2048).ExportPkcs8PrivateKeyPem(),
            ["RateLimiting__TokenLimit"] = "1000000",
            ["RateLimiting__TokensPerPeriod"] = "1000000",
        }, Patience);
        var ingest = ServiceHost.Launch("ingest", "Ingest", new Dictionary<string, string>(shared)
        {
            ["Ingest__QueueUrl"] = Sqs.QueueUrl,
            ["Ingest__DeadLetterQueueUrl"] = Sqs.DeadLetterQueueUrl,
            ["Ingest__WaitTime"] = "00:00:01",
            ["Ingest__RetryDelay"] = "00:00:01",
        }, Patience);
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

    private T Own<T>(T owned) where T : IAsyncDisposable
    {
        _owned.Add(owned);
        return owned;
    }
}
