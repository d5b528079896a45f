using Amazon.CDK;
using Amazon.CDK.AWS.ECR;
using Amazon.CDK.AWS.ECS;
using Amazon.CDK.AWS.Events;
using Amazon.CDK.AWS.IAM;
using Constructs;
using EcsSecret = Amazon.CDK.AWS.ECS.Secret;

namespace UserManagement.Infrastructure;

/// <summary>
/// The user management service as it runs in production, on Fargate from one image, with grain state in DynamoDB and
/// cluster membership in Redis: co-hosted, Orleans silos that serve the HTTP API behind the load balancer and consume
/// the order events themselves; split, the silos with an HTTP gateway service and an order-event ingest service.
/// </summary>
public sealed class UserManagementStack : Stack
{
    public const string ServiceId = "user-management";

    public UserManagementStack(Construct scope, string id, UserManagementSettings settings, string repositoryRoot)
        : base(scope, id, new StackProps
        {
            Description = $"User management service ({settings?.EnvironmentName})",
        })
    {
        ArgumentNullException.ThrowIfNull(settings);
        Settings = settings;
        Tags.SetTag("service", ServiceId);
        Tags.SetTag("environment", settings.EnvironmentName);

        Network = new ServiceNetwork(this, "Network", settings.NatGateways);
        SecurityGroups = new ServiceSecurityGroups(this, "SecurityGroups", Network.Vpc);
        StateTable = new UserStateTable(this, "UserState", settings.TableDeletionProtection);
        Reminders = new ReminderTable(this, "Reminders", settings.TableDeletionProtection);
        SharedEventBus = EventBus.FromEventBusName(this, "SharedEventBus", settings.EventBusName);
        OrderEvents = new OrderEventsQueue(this, "OrderEvents", SharedEventBus, $"{settings.EnvironmentName}.orders");
        Membership = new MembershipCache(this, "Membership", Network.Vpc, Network.PrivateSubnets, SecurityGroups.Redis);
        Secrets = new ServiceSecrets(this, "Secrets");

        var cluster = new Cluster(this, "Cluster", new ClusterProps { Vpc = Network.Vpc, ContainerInsights = true });
        var image = ServiceImage(repositoryRoot);

        var coHosted = settings.Topology == ServiceTopology.CoHosted;
        var apiSecrets = new Dictionary<string, EcsSecret>
        {
            ["Jwt__Secret"] = EcsSecret.FromSecretsManager(Secrets.JwtSigningKey),
            ["OAuth__KeySecret"] = EcsSecret.FromSecretsManager(Secrets.OAuthKeySecret),
        };
        Silo = new UserManagementService(this, "Silo", new UserManagementServiceOptions
        {
            Name = "silo",
            AssemblyName = "UserManagement.Silo",
            Cluster = cluster,
            Image = image,
            Subnets = Network.PrivateSubnets,
            SecurityGroup = SecurityGroups.Silo,
            AdditionalPorts = [ServicePorts.SiloToSilo, ServicePorts.SiloGateway],
            Environment = coHosted ? Merge(SiloEnvironment(), GatewayEnvironment(), IngestEnvironment()) : SiloEnvironment(),
            Secrets = new Dictionary<string, EcsSecret>(coHosted ? apiSecrets : [])
            {
                ["Admin__Password"] = EcsSecret.FromSecretsManager(Secrets.AdminPassword),
            },

            // Co-hosted, a silo also serves the API and consumes the queue: a whole vCPU, so hashing leaves one for the rest.
            Cpu = coHosted ? 1024 : 512,
            MemoryLimitMiB = coHosted ? 2048 : 1024,
            HealthCheckGracePeriod = coHosted ? Duration.Seconds(60) : null,
            LivenessCheckPath = coHosted ? "/health/live" : null,
        });

        if (!coHosted)
        {
            Gateway = new UserManagementService(this, "Gateway", new UserManagementServiceOptions
            {
                Name = "gateway",
                AssemblyName = "UserManagement.Gateway",
                Cluster = cluster,
                Image = image,
                Subnets = Network.PrivateSubnets,
                SecurityGroup = SecurityGroups.Gateway,
                Environment = GatewayEnvironment(),
                Secrets = apiSecrets,
                HealthCheckGracePeriod = Duration.Seconds(60),
            });

            Ingest = new UserManagementService(this, "Ingest", new UserManagementServiceOptions
            {
                Name = "ingest",
                AssemblyName = "UserManagement.Ingest",
                Cluster = cluster,
                Image = image,
                Subnets = Network.PrivateSubnets,
                SecurityGroup = SecurityGroups.Ingest,
                Environment = IngestEnvironment(),
                DesiredCount = 1,
                // The worker serves no traffic, so no load balancer would notice a consumer that stopped: the container's
                // own health check asks /health/live, and ECS replaces the task when it fails.
                LivenessCheckPath = "/health/live",
            });
        }

        Api = Gateway ?? Silo;
        GrantSiloAccess();
        GrantIngestAccess(Ingest ?? Silo);

        LoadBalancer = new GatewayLoadBalancer(this, "Ingress", Network.Vpc, Api.Service, settings.CertificateArn);
        Api.Container.AddEnvironment("OAuth__Issuer", settings.OAuthIssuer
            ?? $"{(settings.CertificateArn is null ? "http" : "https")}://{LoadBalancer.LoadBalancer.LoadBalancerDnsName}/");
        Alarms = new OperationalAlarms(this, "Alarms", OrderEvents.DeadLetterQueue, LoadBalancer.LoadBalancer, Silo.LogGroup, settings.AlarmEmailAddress);

        new CfnOutput(this, "LoadBalancerDnsName", new CfnOutputProps { Value = LoadBalancer.LoadBalancer.LoadBalancerDnsName });
        new CfnOutput(this, "UserStateTableName", new CfnOutputProps { Value = StateTable.Table.TableName });
        new CfnOutput(this, "ReminderTableName", new CfnOutputProps { Value = Reminders.Table.TableName });
        new CfnOutput(this, "OrderEventsQueueUrl", new CfnOutputProps { Value = OrderEvents.Queue.QueueUrl });
        new CfnOutput(this, "OrderEventsDeadLetterQueueUrl", new CfnOutputProps { Value = OrderEvents.DeadLetterQueue.QueueUrl });
        new CfnOutput(this, "AdminPasswordSecretArn", new CfnOutputProps { Value = Secrets.AdminPassword.SecretArn });
    }

    public UserManagementSettings Settings { get; }

    public ServiceNetwork Network { get; }

    public ServiceSecurityGroups SecurityGroups { get; }

    public UserStateTable StateTable { get; }

    public ReminderTable Reminders { get; }

    public IEventBus SharedEventBus { get; }

    public OrderEventsQueue OrderEvents { get; }

    public MembershipCache Membership { get; }

    public ServiceSecrets Secrets { get; }

    public UserManagementService Silo { get; }

    /// <summary>The gateway service (split topology only).</summary>
    public UserManagementService? Gateway { get; }

    /// <summary>The ingest service (split topology only).</summary>
    public UserManagementService? Ingest { get; }

    /// <summary>The service behind the load balancer: the silo when co-hosted, else the gateway.</summary>
    public UserManagementService Api { get; }

    public GatewayLoadBalancer LoadBalancer { get; }

    public OperationalAlarms Alarms { get; }

    private ContainerImage ServiceImage(string repositoryRoot)
    {
        if (Settings.ImageTag is not null)
        {
            var repository = Repository.FromRepositoryName(this, "ImageRepository", Settings.ImageRepositoryName);
            return ContainerImage.FromEcrRepository(repository, Settings.ImageTag);
        }

        // Built from the repository's Dockerfile by "cdk deploy"; synthesis only stages the build context.
        return ContainerImage.FromAsset(repositoryRoot, new AssetImageProps
        {
            File = "Dockerfile",
            Platform = Amazon.CDK.AWS.Ecr.Assets.Platform_.LINUX_AMD64,
        });
    }

    private Dictionary<string, string> CommonEnvironment(string serviceName) => new()
    {
        ["Orleans__ClusterId"] = $"{ServiceId}-{Settings.EnvironmentName}",
        ["Orleans__ServiceId"] = ServiceId,
        ["Orleans__Clustering__ProviderType"] = "Redis",
        ["Orleans__Clustering__ConnectionString"] = Membership.ConnectionString,
        ["AWS_REGION"] = Region,
        ["ASPNETCORE_HTTP_PORTS"] = ServicePorts.Http.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["OTEL_SERVICE_NAME"] = $"{ServiceId}-{serviceName}",
    };

    private static Dictionary<string, string> Merge(params Dictionary<string, string>[] environments)
    {
        var merged = new Dictionary<string, string>();
        foreach (var (key, value) in environments.SelectMany(environment => environment))
        {
            merged[key] = value;
        }

        merged["OTEL_SERVICE_NAME"] = $"{ServiceId}-silo";
        merged["CoHosting__Api"] = "true";
        merged["CoHosting__Ingest"] = "true";
        return merged;
    }

    private Dictionary<string, string> SiloEnvironment()
    {
        var environment = CommonEnvironment("silo");
        environment["CoHosting__Api"] = "false";
        environment["CoHosting__Ingest"] = "false";
        // Listen on every interface of the task; Orleans advertises the address it finds for the task.
        environment["Orleans__Endpoints__SiloListeningEndpoint"] = $"0.0.0.0:{ServicePorts.SiloToSilo.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
        environment["Orleans__Endpoints__GatewayListeningEndpoint"] = $"0.0.0.0:{ServicePorts.SiloGateway.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
        environment["Storage__Users__TableName"] = StateTable.Table.TableName;
        environment["Storage__Users__CreateTableIfNotExists"] = "false";
        environment["Reminders__TableName"] = Reminders.Table.TableName;
        environment["Reminders__CreateTableIfNotExists"] = "false";
        environment["Events__EventBusName"] = Settings.EventBusName;
        environment["Events__Source"] = $"{Settings.EnvironmentName}.users";
        environment["Admin__EmailAddress"] = Settings.AdminEmailAddress;
        return environment;
    }

    private Dictionary<string, string> GatewayEnvironment()
    {
        var environment = CommonEnvironment("gateway");

        // Only the load balancer reaches the gateway, so its X-Forwarded-For names the client the rate limit is per.
        environment["ASPNETCORE_FORWARDEDHEADERS_ENABLED"] = "true";
        environment["Jwt__Issuer"] = Settings.JwtIssuer;
        environment["Jwt__Audience"] = Settings.JwtAudience;
        return environment;
    }

    private Dictionary<string, string> IngestEnvironment()
    {
        var environment = CommonEnvironment("ingest");
        environment["Ingest__QueueUrl"] = OrderEvents.Queue.QueueUrl;
        environment["Ingest__DeadLetterQueueUrl"] = OrderEvents.DeadLetterQueue.QueueUrl;
        return environment;
    }

    // Explicit statements rather than table.GrantReadWriteData and friends, which also grant scans, queries and
    // batch operations the grain storage never uses. Its every write is a whole-item put (a clear leaves a tombstone),
    // so it needs neither DeleteItem nor UpdateItem.
    private void GrantSiloAccess()
    {
        Silo.TaskRole.AddToPrincipalPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Sid = "GrainStateReadWrite",
            Actions =
            [
                "dynamodb:GetItem",
                "dynamodb:PutItem",
                "dynamodb:DescribeTable",
            ],
            Resources = [StateTable.Table.TableArn],
        }));

        // The reminder service reads its silo's share of the hash ring with queries; reminders are put and removed whole.
        Silo.TaskRole.AddToPrincipalPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Sid = "RemindersReadWrite",
            Actions =
            [
                "dynamodb:GetItem",
                "dynamodb:PutItem",
                "dynamodb:DeleteItem",
                "dynamodb:Query",
                "dynamodb:DescribeTable",
            ],
            Resources = [Reminders.Table.TableArn],
        }));
        Silo.TaskRole.AddToPrincipalPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Sid = "PublishUserEvents",
            Actions = ["events:PutEvents"],
            Resources = [SharedEventBus.EventBusArn],
        }));
    }

    private void GrantIngestAccess(UserManagementService consumer)
    {
        consumer.TaskRole.AddToPrincipalPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Sid = "ConsumeOrderEvents",
            Actions =
            [
                "sqs:ReceiveMessage",
                "sqs:DeleteMessage",
                "sqs:ChangeMessageVisibility",
                "sqs:GetQueueUrl",
                "sqs:GetQueueAttributes",
            ],
            Resources = [OrderEvents.Queue.QueueArn],
        }));
        consumer.TaskRole.AddToPrincipalPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Sid = "DeadLetterPoisonMessages",
            Actions = ["sqs:SendMessage"],
            Resources = [OrderEvents.DeadLetterQueue.QueueArn],
        }));
    }
}
