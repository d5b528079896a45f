using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.ECS;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.Logs;
using Constructs;

namespace UserManagement.Infrastructure;

/// <summary>What distinguishes one of the three services that run from the shared image.</summary>
public sealed record UserManagementServiceOptions
{
    /// <summary>Short name: silo, gateway or ingest. Also the folder the image publishes the service to.</summary>
    public required string Name { get; init; }

    public required string AssemblyName { get; init; }

    public required ICluster Cluster { get; init; }

    public required ContainerImage Image { get; init; }

    public required SubnetSelection Subnets { get; init; }

    public required ISecurityGroup SecurityGroup { get; init; }

    public required IReadOnlyDictionary<string, string> Environment { get; init; }

    public IReadOnlyDictionary<string, Amazon.CDK.AWS.ECS.Secret> Secrets { get; init; } =
        new Dictionary<string, Amazon.CDK.AWS.ECS.Secret>();

    /// <summary>Container ports besides <see cref="ServicePorts.Http"/>, which every service exposes first.</summary>
    public IReadOnlyList<int> AdditionalPorts { get; init; } = [];

    public int DesiredCount { get; init; } = 2;

    public int Cpu { get; init; } = 512;

    public int MemoryLimitMiB { get; init; } = 1024;

    public Duration? HealthCheckGracePeriod { get; init; }

    /// <summary>When set, a container health check that asks this path on the HTTP port and fails unless it answers 200.</summary>
    public string? LivenessCheckPath { get; init; }
}

/// <summary>
/// A Fargate service running one entry point of the shared image, with its own task role (empty until the stack
/// grants exactly what the service needs) and its own log group.
/// </summary>
public sealed class UserManagementService : Construct
{
    public UserManagementService(Construct scope, string id, UserManagementServiceOptions options)
        : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(options);

        TaskRole = new Role(this, "TaskRole", new RoleProps
        {
            AssumedBy = new ServicePrincipal("ecs-tasks.amazonaws.com"),
            Description = $"User management {options.Name} task role",
        });

        LogGroup = new LogGroup(this, "Logs", new LogGroupProps
        {
            Retention = RetentionDays.ONE_MONTH,
            RemovalPolicy = RemovalPolicy.RETAIN,
        });

        TaskDefinition = new FargateTaskDefinition(this, "TaskDefinition", new FargateTaskDefinitionProps
        {
            Cpu = options.Cpu,
            MemoryLimitMiB = options.MemoryLimitMiB,
            TaskRole = TaskRole,
            RuntimePlatform = new RuntimePlatform
            {
                CpuArchitecture = CpuArchitecture.X86_64,
                OperatingSystemFamily = OperatingSystemFamily.LINUX,
            },
        });

        Container = TaskDefinition.AddContainer(options.Name, new ContainerDefinitionOptions
        {
            Image = options.Image,
            Command = ["dotnet", $"/app/{options.Name}/{options.AssemblyName}.dll"],
            Environment = options.Environment.ToDictionary(),
            Secrets = options.Secrets.ToDictionary(),
            Logging = LogDriver.AwsLogs(new AwsLogDriverProps { LogGroup = LogGroup, StreamPrefix = options.Name }),
            PortMappings = new[] { ServicePorts.Http }.Concat(options.AdditionalPorts)
                .Select(port => new PortMapping { ContainerPort = port, Protocol = Amazon.CDK.AWS.ECS.Protocol.TCP })
                .ToArray(),
            StopTimeout = Duration.Seconds(30),
            HealthCheck = options.LivenessCheckPath is { } path ? LivenessCheck(path) : null,
        });

        Service = new FargateService(this, "Service", new FargateServiceProps
        {
            Cluster = options.Cluster,
            TaskDefinition = TaskDefinition,
            DesiredCount = options.DesiredCount,
            MinHealthyPercent = 100,
            MaxHealthyPercent = 200,
            AssignPublicIp = false,
            VpcSubnets = options.Subnets,
            SecurityGroups = [options.SecurityGroup],
            CircuitBreaker = new DeploymentCircuitBreaker { Rollback = true },
            HealthCheckGracePeriod = options.HealthCheckGracePeriod,
        });
    }

    /// <summary>
    /// The image has no curl; bash's /dev/tcp sends the request and the status line decides. Three failures in a row,
    /// 30 s apart, after a minute to start: a worker that stopped consuming is replaced within about two minutes.
    /// </summary>
    private static Amazon.CDK.AWS.ECS.HealthCheck LivenessCheck(string path) => new()
    {
        Command =
        [
            "CMD", "bash", "-c",
            $"exec 3<>/dev/tcp/127.0.0.1/{ServicePorts.Http} && printf 'GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n' >&3 && head -n 1 <&3 | grep -q ' 200 '",
        ],
        Interval = Duration.Seconds(30),
        Timeout = Duration.Seconds(5),
        Retries = 3,
        StartPeriod = Duration.Seconds(60),
    };

    public Role TaskRole { get; }

    public LogGroup LogGroup { get; }

    public FargateTaskDefinition TaskDefinition { get; }

    public ContainerDefinition Container { get; }

    public FargateService Service { get; }
}
