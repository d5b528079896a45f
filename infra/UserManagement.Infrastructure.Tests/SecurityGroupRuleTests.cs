using UserManagement.Infrastructure.Tests.Support;

namespace UserManagement.Infrastructure.Tests;

[Collection(SynthesizedStackCollection.Name)]
public sealed class SecurityGroupRuleTests(SynthesizedStackFixture fixture)
{
    private readonly SynthesizedStack _stack = fixture.Split;

    private string Silo => _stack.LogicalIdOf(_stack.Stack.SecurityGroups.Silo);

    private string Gateway => _stack.LogicalIdOf(_stack.Stack.SecurityGroups.Gateway);

    private string Ingest => _stack.LogicalIdOf(_stack.Stack.SecurityGroups.Ingest);

    private string Redis => _stack.LogicalIdOf(_stack.Stack.SecurityGroups.Redis);

    private string LoadBalancer => _stack.LogicalIdOf(_stack.Stack.LoadBalancer.LoadBalancer.Connections.SecurityGroups.Single());

    [Fact]
    public void Silo_to_silo_port_is_open_only_between_silos()
    {
        var rule = Assert.Single(_stack.IngressRulesOnPort(ServicePorts.SiloToSilo));

        Assert.Equal(new IngressRule(Silo, 11111, 11111, Silo, null), rule);
    }

    [Fact]
    public void Silo_gateway_port_is_open_only_to_gateway_ingest_and_silos()
    {
        var rules = _stack.IngressRulesOnPort(ServicePorts.SiloGateway);

        Assert.All(rules, rule => Assert.Equal(Silo, rule.TargetGroupLogicalId));
        Assert.All(rules, rule => Assert.Null(rule.SourceCidr));
        Assert.Equal(
            new[] { Gateway, Ingest, Silo }.Order(),
            rules.Select(rule => rule.SourceGroupLogicalId).Order());
    }

    [Fact]
    public void Redis_is_reachable_only_from_the_three_services()
    {
        var rules = _stack.IngressRulesOnPort(ServicePorts.Redis);

        Assert.All(rules, rule => Assert.Equal(Redis, rule.TargetGroupLogicalId));
        Assert.All(rules, rule => Assert.Null(rule.SourceCidr));
        Assert.Equal(
            new[] { Gateway, Ingest, Silo }.Order(),
            rules.Select(rule => rule.SourceGroupLogicalId).Order());
    }

    [Fact]
    public void Gateway_http_port_is_open_only_to_the_load_balancer()
    {
        var rulesIntoGateway = _stack.IngressRules().Where(rule => rule.TargetGroupLogicalId == Gateway);

        var rule = Assert.Single(rulesIntoGateway);
        Assert.Equal(new IngressRule(Gateway, 8080, 8080, LoadBalancer, null), rule);
    }

    [Fact]
    public void Ingest_accepts_no_inbound_traffic()
    {
        Assert.DoesNotContain(_stack.IngressRules(), rule => rule.TargetGroupLogicalId == Ingest);
    }

    [Fact]
    public void Only_the_load_balancer_is_open_to_the_internet()
    {
        var openRules = _stack.IngressRules().Where(rule => rule.SourceCidr is "0.0.0.0/0" or "::/0").ToList();

        Assert.NotEmpty(openRules);
        Assert.All(openRules, rule => Assert.Equal(LoadBalancer, rule.TargetGroupLogicalId));
        Assert.All(openRules, rule => Assert.Equal(80, rule.FromPort));
    }

    [Fact]
    public void Redis_security_group_allows_no_outbound_traffic()
    {
        var egress = _stack.Resource(Redis)["Properties"]!["SecurityGroupEgress"]!.Single();

        // CDK's stand-in for "no egress": an ICMP rule to a non-routable address.
        Assert.Equal("255.255.255.255/32", (string?)egress["CidrIp"]);
    }
}
