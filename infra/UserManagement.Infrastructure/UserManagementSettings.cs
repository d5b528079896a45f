using Constructs;

namespace UserManagement.Infrastructure;

/// <summary>
/// Deployment parameters, read from CDK context (<c>cdk.json</c> or <c>cdk synth -c key=value</c>) so that
/// synthesis needs neither AWS credentials nor lookups.
/// </summary>
public sealed record UserManagementSettings
{
    public string EnvironmentName { get; init; } = "dev";

    /// <summary>Name of the existing shared EventBridge bus: order events arrive on it, user events are published to it.</summary>
    public string EventBusName { get; init; } = "shared-events";

    public string AdminEmailAddress { get; init; } = "admin@serverless-sample.com";

    public string JwtIssuer { get; init; } = "user-management";

    public string JwtAudience { get; init; } = "shop";

    public bool TableDeletionProtection { get; init; } = true;

    /// <summary>ECR repository holding pre-built images; only used when <see cref="ImageTag"/> is set.</summary>
    public string ImageRepositoryName { get; init; } = "user-management";

    /// <summary>When set, services run this tag from <see cref="ImageRepositoryName"/>; otherwise the image is built from the repository's Dockerfile on deploy.</summary>
    public string? ImageTag { get; init; }

    /// <summary>ACM certificate for an HTTPS listener; without it the load balancer listens on plain HTTP.</summary>
    public string? CertificateArn { get; init; }

    /// <summary>
    /// The service's public base URL, the OAuth issuer clients see (e.g. <c>https://users.shop.example/</c>); without it,
    /// the load balancer's own address.
    /// </summary>
    public string? OAuthIssuer { get; init; }

    /// <summary>Address subscribed to the alarm topic, if any.</summary>
    public string? AlarmEmailAddress { get; init; }

    public int NatGateways { get; init; } = 1;

    /// <summary>
    /// <c>CoHosted</c> (the default): the silos serve the API behind the load balancer and consume the order queue
    /// themselves. <c>Split</c>: a gateway service behind the load balancer and an ingest service, both Orleans clients
    /// of the silos, for an internet-facing tier kept apart from the cluster.
    /// </summary>
    public ServiceTopology Topology { get; init; } = ServiceTopology.CoHosted;

    public string StackName => $"UserManagement-{EnvironmentName}";

    public static UserManagementSettings FromContext(Node node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var defaults = new UserManagementSettings();
        return new UserManagementSettings
        {
            EnvironmentName = ContextString(node, "environmentName") ?? defaults.EnvironmentName,
            EventBusName = ContextString(node, "eventBusName") ?? defaults.EventBusName,
            AdminEmailAddress = ContextString(node, "adminEmailAddress") ?? defaults.AdminEmailAddress,
            JwtIssuer = ContextString(node, "jwtIssuer") ?? defaults.JwtIssuer,
            JwtAudience = ContextString(node, "jwtAudience") ?? defaults.JwtAudience,
            TableDeletionProtection = ContextBoolean(node, "tableDeletionProtection") ?? defaults.TableDeletionProtection,
            ImageRepositoryName = ContextString(node, "imageRepositoryName") ?? defaults.ImageRepositoryName,
            ImageTag = ContextString(node, "imageTag"),
            CertificateArn = ContextString(node, "certificateArn"),
            AlarmEmailAddress = ContextString(node, "alarmEmailAddress"),
            OAuthIssuer = ContextString(node, "oauthIssuer"),
            NatGateways = ContextInteger(node, "natGateways") ?? defaults.NatGateways,
            Topology = ContextString(node, "topology") switch
            {
                null => defaults.Topology,
                var text when Enum.TryParse<ServiceTopology>(text, ignoreCase: true, out var topology) && Enum.IsDefined(topology) => topology,
                var other => throw new ArgumentException($"Context value 'topology' must be coHosted or split, not '{other}'."),
            },
        };
    }

    private static string? ContextString(Node node, string key) =>
        node.TryGetContext(key) switch
        {
            null => null,
            string text when string.IsNullOrWhiteSpace(text) => null,
            string text => text.Trim(),
            var other => Convert.ToString(other, System.Globalization.CultureInfo.InvariantCulture),
        };

    private static bool? ContextBoolean(Node node, string key) =>
        node.TryGetContext(key) switch
        {
            null => null,
            bool flag => flag,
            string text when bool.TryParse(text, out var flag) => flag,
            var other => throw new ArgumentException($"Context value '{key}' must be true or false, not '{other}'."),
        };

    private static int? ContextInteger(Node node, string key) =>
        node.TryGetContext(key) switch
        {
            null => null,
            string text when int.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var number) => number,
            IConvertible number => number.ToInt32(System.Globalization.CultureInfo.InvariantCulture),
            var other => throw new ArgumentException($"Context value '{key}' must be a whole number, not '{other}'."),
        };
}
