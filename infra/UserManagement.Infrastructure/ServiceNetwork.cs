using Amazon.CDK.AWS.EC2;
using Constructs;

namespace UserManagement.Infrastructure;

/// <summary>
/// The VPC, created in the stack (no lookups, so synthesis needs no credentials): public subnets for the load
/// balancer and NAT, private subnets with egress for the tasks and Redis.
/// </summary>
public sealed class ServiceNetwork : Construct
{
    public ServiceNetwork(Construct scope, string id, int natGateways)
        : base(scope, id)
    {
        Vpc = new Vpc(this, "Vpc", new VpcProps
        {
            MaxAzs = 2,
            NatGateways = natGateways,
            SubnetConfiguration =
            [
                new SubnetConfiguration { Name = "Public", SubnetType = SubnetType.PUBLIC, CidrMask = 24 },
                new SubnetConfiguration { Name = "Private", SubnetType = SubnetType.PRIVATE_WITH_EGRESS, CidrMask = 22 },
            ],
        });
    }

    public Vpc Vpc { get; }

    public SubnetSelection PrivateSubnets { get; } = new() { SubnetType = SubnetType.PRIVATE_WITH_EGRESS };
}
