using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using UserManagement.Ingest.Diagnostics;

namespace UserManagement.Ingest.Consumer;

/// <summary>
/// The worker's liveness (<c>/health/live</c>): healthy until the consumer loop or one of its pollers faults, then
/// unhealthy for good, so the orchestrator replaces a worker that runs on without consuming.
/// </summary>
public sealed class ConsumerLiveness(ILogger<ConsumerLiveness> logger) : IHealthCheck
{
    private Exception? _fault;

    public void Faulted(Exception exception)
    {
        Interlocked.CompareExchange(ref _fault, exception, null);
        try
        {
            IngestLog.ConsumerFaulted(logger, exception);
        }
        catch (Exception)
        {
            // The logging may be what faulted; the health endpoint still tells.
        }
    }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(Volatile.Read(ref _fault) is { } fault
            ? HealthCheckResult.Unhealthy($"The order consumer stopped on {fault.GetType().Name}; see the log", fault)
            : HealthCheckResult.Healthy("The order consumer runs"));
}
