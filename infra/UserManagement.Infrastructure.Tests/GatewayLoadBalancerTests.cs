using Newtonsoft.Json.Linq;
using UserManagement.Infrastructure.Tests.Support;
using static UserManagement.Infrastructure.Tests.Support.TemplateQueries;

namespace UserManagement.Infrastructure.Tests;

[Collection(SynthesizedStackCollection.Name)]
public sealed class GatewayLoadBalancerTests(SynthesizedStackFixture fixture)
{
    private readonly SynthesizedStack _stack = fixture.Split;

    [Fact]
    public void Load_balancer_is_internet_facing_in_public_subnets()
    {
        var properties = _stack.PropertiesOf(_stack.Stack.LoadBalancer.LoadBalancer);

        Assert.Equal("internet-facing", (string?)properties["Scheme"]);
        Assert.Equal("application", (string?)properties["Type"]);
        var publicSubnetIds = _stack.Stack.Network.Vpc.PublicSubnets
            .Select(subnet => Ref(_stack.LogicalIdOf(subnet)))
            .ToList();
        Assert.All(properties["Subnets"]!, subnet => Assert.Contains(publicSubnetIds, id => JToken.DeepEquals(id, subnet)));
    }

    [Fact]
    public void Target_group_sends_traffic_to_gateway_port_8080_and_checks_readiness()
    {
        var targetGroup = _stack.PropertiesOf(_stack.Stack.LoadBalancer.TargetGroup);

        Assert.Equal(8080, (int?)targetGroup["Port"]);
        Assert.Equal("ip", (string?)targetGroup["TargetType"]);
        Assert.Equal("/health/ready", (string?)targetGroup["HealthCheckPath"]);
        Assert.Equal("200", (string?)targetGroup["Matcher"]?["HttpCode"]);
    }

    [Fact]
    public void Gateway_service_is_the_registered_target()
    {
        var gatewayService = _stack.PropertiesOf(_stack.Stack.Gateway!.Service);
        var registration = Assert.Single(gatewayService["LoadBalancers"]!);

        Assert.Equal("gateway", (string?)registration["ContainerName"]);
        Assert.Equal(8080, (int?)registration["ContainerPort"]);
        Assert.True(IsRefTo(registration["TargetGroupArn"]!, _stack.LogicalIdOf(_stack.Stack.LoadBalancer.TargetGroup)));
        Assert.Empty(_stack.PropertiesOf(_stack.Stack.Silo.Service)["LoadBalancers"] ?? new JArray());
        Assert.Empty(_stack.PropertiesOf(_stack.Stack.Ingest!.Service)["LoadBalancers"] ?? new JArray());
    }

    [Fact]
    public void Without_a_certificate_the_load_balancer_listens_on_http()
    {
        var listener = Assert.Single(_stack.ResourcesOfType("AWS::ElasticLoadBalancingV2::Listener"));

        Assert.Equal(80, (int?)listener.Properties["Port"]);
        Assert.Equal("HTTP", (string?)listener.Properties["Protocol"]);
        Assert.Equal("forward", (string?)listener.Properties["DefaultActions"]![0]!["Type"]);
    }

    [Fact]
    public void With_a_certificate_https_serves_the_gateway_and_http_redirects()
    {
        const string certificateArn = "arn:aws:acm:eu-west-1:123456789012:certificate/00000000-0000-0000-0000-000000000000";
        var secured = StackSynthesizer.Synthesize(new Dictionary<string, object> { ["topology"] = "split", ["certificateArn"] = certificateArn });

        var listeners = secured.ResourcesOfType("AWS::ElasticLoadBalancingV2::Listener")
            .ToDictionary(listener => (int)listener.Properties["Port"]!, listener => listener.Properties);

        Assert.Equal([80, 443], listeners.Keys.Order());
        Assert.Equal("HTTPS", (string?)listeners[443]["Protocol"]);
        Assert.Equal(certificateArn, (string?)listeners[443]["Certificates"]![0]!["CertificateArn"]);
        Assert.Equal("forward", (string?)listeners[443]["DefaultActions"]![0]!["Type"]);
        var redirect = listeners[80]["DefaultActions"]![0]!;
        Assert.Equal("redirect", (string?)redirect["Type"]);
        Assert.Equal("HTTPS", (string?)redirect["RedirectConfig"]?["Protocol"]);
        Assert.Equal("443", (string?)redirect["RedirectConfig"]?["Port"]);
    }
}
