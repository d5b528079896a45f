using Amazon.CDK.AWS.EC2;
using Constructs;

namespace UserManagement.Infrastructure;

/// <summary>
/// One security group per service plus Redis, and the rules between them. The gateway's HTTP ingress from the load
/// balancer is added where the gateway is registered as a load balancer target.
/// </summary>
public sealed class ServiceSecurityGroups : Construct
{
    public ServiceSecurityGroups(Construct scope, string id, IVpc vpc)
        : base(scope, id)
    {
        Silo = new SecurityGroup(this, "Silo", new SecurityGroupProps
        {
            Vpc = vpc,
            Description = "User management Orleans silo",
            AllowAllOutbound = true,
        });
        Gateway = new SecurityGroup(this, "Gateway", new SecurityGroupProps
        {
            Vpc = vpc,
            Description = "User management HTTP gateway",
            AllowAllOutbound = true,
        });
        Ingest = new SecurityGroup(this, "Ingest", new SecurityGroupProps
        {
            Vpc = vpc,
            Description = "User management order event ingest",
            AllowAllOutbound = true,
        });
        Redis = new SecurityGroup(this, "Redis", new SecurityGroupProps
        {
            Vpc = vpc,
            Description = "User management Orleans membership Redis",
            AllowAllOutbound = false,
        });

        Silo.AddIngressRule(Silo, Port.Tcp(ServicePorts.SiloToSilo), "Silo-to-silo from other silos");
        foreach (var (client, name) in new[] { (Silo, "silo"), (Gateway, "gateway"), (Ingest, "ingest") })
        {
            Silo.AddIngressRule(client, Port.Tcp(ServicePorts.SiloGateway), $"Orleans gateway from {name}");
            Redis.AddIngressRule(client, Port.Tcp(ServicePorts.Redis), $"Membership table from {name}");
        }
    }

    public SecurityGroup Silo { get; }

    public SecurityGroup Gateway { get; }

    public SecurityGroup Ingest { get; }

    public SecurityGroup Redis { get; }
}
