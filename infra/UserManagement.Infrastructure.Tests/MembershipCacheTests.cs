using Newtonsoft.Json.Linq;
using UserManagement.Infrastructure.Tests.Support;
using static UserManagement.Infrastructure.Tests.Support.TemplateQueries;

namespace UserManagement.Infrastructure.Tests;

[Collection(SynthesizedStackCollection.Name)]
public sealed class MembershipCacheTests(SynthesizedStackFixture fixture)
{
    private readonly SynthesizedStack _stack = fixture.Default;

    private JObject ReplicationGroup =>
        (JObject)_stack.Resource(_stack.Stack.GetLogicalId(_stack.Stack.Membership.ReplicationGroup))["Properties"]!;

    [Fact]
    public void Redis_runs_with_a_replica_and_automatic_failover()
    {
        Assert.Equal("redis", (string?)ReplicationGroup["Engine"]);
        Assert.Equal(2, (int?)ReplicationGroup["NumCacheClusters"]);
        Assert.True((bool?)ReplicationGroup["AutomaticFailoverEnabled"]);
        Assert.True((bool?)ReplicationGroup["MultiAZEnabled"]);
        Assert.True((bool?)ReplicationGroup["AtRestEncryptionEnabled"]);
        Assert.Equal(6379, (int?)ReplicationGroup["Port"]);
    }

    [Fact]
    public void Redis_sits_in_the_private_subnets_behind_its_security_group()
    {
        var subnetGroup = Assert.Single(_stack.ResourcesOfType("AWS::ElastiCache::SubnetGroup"));
        var privateSubnetIds = _stack.Stack.Network.Vpc.PrivateSubnets
            .Select(subnet => Ref(_stack.LogicalIdOf(subnet)))
            .ToList();

        Assert.True(IsRefTo(ReplicationGroup["CacheSubnetGroupName"]!, subnetGroup.LogicalId));
        Assert.Equal(privateSubnetIds.Count, subnetGroup.Properties["SubnetIds"]!.Count());
        Assert.All(subnetGroup.Properties["SubnetIds"]!, subnet => Assert.Contains(privateSubnetIds, id => JToken.DeepEquals(id, subnet)));
        var securityGroup = Assert.Single(ReplicationGroup["SecurityGroupIds"]!);
        Assert.True(JToken.DeepEquals(GetAtt(_stack.LogicalIdOf(_stack.Stack.SecurityGroups.Redis), "GroupId"), securityGroup));
    }
}
