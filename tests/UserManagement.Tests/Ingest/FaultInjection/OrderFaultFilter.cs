using UserManagement.Contracts.Users;

namespace UserManagement.Tests.Ingest.FaultInjection;

/// <summary>Runs <see cref="InjectedFaults"/> before the grain records an order.</summary>
public sealed class OrderFaultFilter : IIncomingGrainCallFilter
{
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        if (context.MethodName == nameof(IUserGrain.RecordCompletedOrder) && context.Request.GetArgument(0) is CompletedOrder order)
        {
            await InjectedFaults.Apply(order.OrderId);
        }

        await context.Invoke();
    }
}
