namespace UserManagement.Tests.Infrastructure;

/// <summary>Gateways with settings of their own, on the shared test cluster, disposed with the test that made them.</summary>
public sealed class ConfiguredGateways(UserClusterFixture cluster) : IDisposable
{
    private readonly List<GatewayFactory> _factories = [];

    public GatewayFactory Factory(Dictionary<string, string?>? settings = null)
    {
        var factory = new GatewayFactory(cluster, settings);
        _factories.Add(factory);
        return factory;
    }

    public HttpClient Http(Dictionary<string, string?>? settings = null) => Factory(settings).CreateClient();

    public GatewayClient Client(Dictionary<string, string?>? settings = null) => new(Http(settings));

    public void Dispose() => _factories.ForEach(factory => factory.Dispose());
}
