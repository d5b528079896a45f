using Orleans.TestingHost;

namespace UserManagement.Tests.Infrastructure;

/// <summary>A test cluster's client that carries the caller's trace into grain calls, as the gateway's does.</summary>
public sealed class TracingClientConfigurator : IClientBuilderConfigurator
{
    public void Configure(Microsoft.Extensions.Configuration.IConfiguration configuration, IClientBuilder clientBuilder) =>
        clientBuilder.AddActivityPropagation();
}
