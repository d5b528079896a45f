using Microsoft.Extensions.Hosting;

namespace UserManagement.Bench.Hosting;

/// <summary>
/// A hosted service registered between the Orleans client and the ingest consumer: hosted services start in the order
/// of registration, so its start is the moment the client is connected and the consumer is about to receive. A round
/// is timed from there, leaving out the client's connection, which a running worker does not pay per message.
/// </summary>
public sealed class ReceivingStartsMark : IHostedService
{
    public long StartedAt { get; private set; }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        StartedAt = System.Diagnostics.Stopwatch.GetTimestamp();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
