using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace UserManagement.AppHost;

/// <summary>
/// Stops the whole local run when one of its processes ends on its own (a crash, a fault that stopped its host), and
/// says which, rather than leave a person running half the service without knowing it. A process that turns unhealthy
/// (the ingest worker's consumer loop faulted, say) is reported too; its console output is on the dashboard.
/// </summary>
internal sealed partial class ServiceExitWatch(
    ResourceNotificationService notifications, IHostApplicationLifetime lifetime, ILogger<ServiceExitWatch> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Health is reported only once a process has been healthy: every process is unhealthy while it starts.
        var healthy = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var change in notifications.WatchAsync(stoppingToken))
        {
            if (change.Resource is not (ProjectResource or ExecutableResource) || lifetime.ApplicationStopping.IsCancellationRequested)
            {
                continue;
            }

            var state = change.Snapshot.State?.Text;
            if (state is not null && KnownResourceStates.TerminalStates.Contains(state))
            {
                ServiceEnded(logger, change.Resource.Name, state, change.Snapshot.ExitCode);
                lifetime.StopApplication();
                return;
            }

            if (change.Snapshot.HealthStatus == HealthStatus.Healthy)
            {
                healthy.Add(change.Resource.Name);
            }
            else if (change.Snapshot.HealthStatus == HealthStatus.Unhealthy && healthy.Remove(change.Resource.Name))
            {
                ServiceUnhealthy(logger, change.Resource.Name);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Service} has ended ({State}, exit code {ExitCode}); its console output is on the dashboard. Stopping the rest.")]
    private static partial void ServiceEnded(ILogger logger, string service, string state, int? exitCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Service} reports itself unhealthy; its console output and health reports are on the dashboard.")]
    private static partial void ServiceUnhealthy(ILogger logger, string service);
}
