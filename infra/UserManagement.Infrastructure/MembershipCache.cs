using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.ElastiCache;
using Constructs;

namespace UserManagement.Infrastructure;

/// <summary>Redis replication group (primary plus a replica in another AZ) holding the Orleans cluster membership table.</summary>
public sealed class MembershipCache : Construct
{
    public MembershipCache(Construct scope, string id, IVpc vpc, SubnetSelection subnets, ISecurityGroup securityGroup)
        : base(scope, id)
    {
        var subnetGroup = new CfnSubnetGroup(this, "SubnetGroup", new CfnSubnetGroupProps
        {
            Description = "Private subnets of the user management membership Redis",
            SubnetIds = vpc.SelectSubnets(subnets).SubnetIds,
        });

        ReplicationGroup = new CfnReplicationGroup(this, "ReplicationGroup", new CfnReplicationGroupProps
        {
            ReplicationGroupDescription = "User management Orleans cluster membership",
            Engine = "redis",
            EngineVersion = "7.1",
            CacheNodeType = "cache.t4g.small",
            NumCacheClusters = 2,
            AutomaticFailoverEnabled = true,
            MultiAzEnabled = true,
            Port = ServicePorts.Redis,
            CacheSubnetGroupName = subnetGroup.Ref,
            SecurityGroupIds = [securityGroup.SecurityGroupId],
            AtRestEncryptionEnabled = true,
        });
        ReplicationGroup.AddDependency(subnetGroup);
    }

    public CfnReplicationGroup ReplicationGroup { get; }

    /// <summary>StackExchange.Redis connection string of the primary, e.g. <c>host:6379</c>.</summary>
    public string ConnectionString => $"{ReplicationGroup.AttrPrimaryEndPointAddress}:{ServicePorts.Redis}";
}
