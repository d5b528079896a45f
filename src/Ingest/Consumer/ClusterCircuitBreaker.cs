using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using UserManagement.Ingest.Diagnostics;
using UserManagement.Resilience;
using UserManagement.ServiceDefaults.Health;

namespace UserManagement.Ingest.Consumer;

/// <summary>
/// Stops the pollers receiving while the cluster does not answer. A message received during an outage fails and uses
/// up one of the five receives the queue's redrive policy allows; receiving on through an outage of minutes would
/// push every message into the dead-letter queue. So after a failed grain call the cluster is probed (the readiness
/// check's question: does an active silo answer?); while it does not, the breaker is open, the pollers wait, and the
/// probe is repeated with a back-off; its first answer closes the breaker. A failure that was the message's own (the
/// cluster answers) opens nothing.
/// </summary>
public sealed class ClusterCircuitBreaker(IGrainFactory grains, IOptions<IngestOptions> options, ILogger<ClusterCircuitBreaker> logger)
{
    private readonly Lock _lock = new();
    private readonly ClusterHealthCheck _cluster = new(grains);
    private Task _closed = Task.CompletedTask;

    /// <summary>Returns once the breaker is closed: at once, unless a probe found the cluster away and it has not answered since.</summary>
    public Task WaitUntilClosed(CancellationToken cancellationToken) => _closed.WaitAsync(cancellationToken);

    /// <summary>A grain call failed: the cluster is asked, once for all pollers, and the breaker opens if it does not answer.</summary>
    public void GrainCallFailed(CancellationToken stoppingToken)
    {
        lock (_lock)
        {
            if (_closed.IsCompleted)
            {
                _closed = ProbeUntilAnswered(stoppingToken);
            }
        }
    }

    private async Task ProbeUntilAnswered(CancellationToken stoppingToken)
    {
        await Task.Yield();
        var backoff = new Backoff(options.Value.ClusterProbeDelay, options.Value.ClusterProbeMaxDelay);
        for (var failedProbes = 0; ; failedProbes++)
        {
            var health = await Probe(stoppingToken);
            if (health.Status == HealthStatus.Healthy)
            {
                if (failedProbes > 0)
                {
                    IngestLog.ClusterReachable(logger, failedProbes + 1);
                }

                return;
            }

            var delay = backoff.Delay(failedProbes + 1);
            IngestLog.ClusterUnreachable(logger, health.Description, delay);
            await Task.Delay(delay, stoppingToken);
        }
    }

    private async Task<HealthCheckResult> Probe(CancellationToken stoppingToken)
    {
        try
        {
            return await _cluster.CheckHealthAsync(new HealthCheckContext(), stoppingToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy(exception.GetType().Name);
        }
    }
}
