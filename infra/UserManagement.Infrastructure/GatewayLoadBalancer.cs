using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.ElasticLoadBalancingV2;
using Constructs;

namespace UserManagement.Infrastructure;

/// <summary>
/// Internet-facing ALB in front of the gateway. Registering the gateway service as a target also opens the
/// gateway's HTTP port to the load balancer's security group, and to nothing else.
/// </summary>
public sealed class GatewayLoadBalancer : Construct
{
    public const string HealthCheckPath = "/health/ready";

    public GatewayLoadBalancer(Construct scope, string id, IVpc vpc, IApplicationLoadBalancerTarget gateway, string? certificateArn)
        : base(scope, id)
    {
        LoadBalancer = new ApplicationLoadBalancer(this, "LoadBalancer", new ApplicationLoadBalancerProps
        {
            Vpc = vpc,
            InternetFacing = true,
            VpcSubnets = new SubnetSelection { SubnetType = SubnetType.PUBLIC },
            DropInvalidHeaderFields = true,
        });

        ApplicationListener listener;
        if (certificateArn is null)
        {
            listener = LoadBalancer.AddListener("Http", new BaseApplicationListenerProps
            {
                Port = 80,
                Protocol = ApplicationProtocol.HTTP,
                Open = true,
            });
        }
        else
        {
            listener = LoadBalancer.AddListener("Https", new BaseApplicationListenerProps
            {
                Port = 443,
                Protocol = ApplicationProtocol.HTTPS,
                Certificates = [ListenerCertificate.FromArn(certificateArn)],
                SslPolicy = SslPolicy.RECOMMENDED_TLS,
                Open = true,
            });
            LoadBalancer.AddRedirect(new ApplicationLoadBalancerRedirectConfig
            {
                SourcePort = 80,
                SourceProtocol = ApplicationProtocol.HTTP,
                TargetPort = 443,
                TargetProtocol = ApplicationProtocol.HTTPS,
            });
        }

        TargetGroup = listener.AddTargets("Gateway", new AddApplicationTargetsProps
        {
            Port = ServicePorts.Http,
            Protocol = ApplicationProtocol.HTTP,
            Targets = [gateway],
            DeregistrationDelay = Duration.Seconds(30),
            HealthCheck = new Amazon.CDK.AWS.ElasticLoadBalancingV2.HealthCheck
            {
                Path = HealthCheckPath,
                HealthyHttpCodes = "200",
                Interval = Duration.Seconds(15),
                HealthyThresholdCount = 2,
                UnhealthyThresholdCount = 3,
            },
        });
    }

    public ApplicationLoadBalancer LoadBalancer { get; }

    public ApplicationTargetGroup TargetGroup { get; }
}
