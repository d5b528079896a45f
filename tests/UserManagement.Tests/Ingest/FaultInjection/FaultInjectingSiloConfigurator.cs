using Orleans.TestingHost;

namespace UserManagement.Tests.Ingest.FaultInjection;

public sealed class FaultInjectingSiloConfigurator : ISiloConfigurator
{
    public void Configure(ISiloBuilder siloBuilder) => siloBuilder.AddIncomingGrainCallFilter<OrderFaultFilter>();
}
