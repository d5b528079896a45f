extern alias ingest;

using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using ingest::UserManagement.Ingest.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using UserManagement.Tests.Builders;
using UserManagement.Tests.Infrastructure;

namespace UserManagement.Tests.Ingest;

/// <summary>The consumer counts what became of each message on the meter <c>UserManagement.Ingest</c>.</summary>
[Collection(IngestCollection.Name)]
public sealed class MetricsTests(UserClusterFixture cluster, SqsEmulator sqs)
{
    [Fact]
    public async Task Processed_skipped_and_dead_lettered_messages_are_counted()
    {
        var queues = await sqs.CreateQueuePair();
        var user = await RegisteredUser.Register(cluster.Grains);
        await using var ingest = await IngestHost.Start(cluster, sqs, queues);
        var meterFactory = ingest.Services.GetRequiredService<IMeterFactory>();
        var counts = new ConcurrentDictionary<string, long>();
        using var listener = new MeterListener
        {
            // Only this host's meter: other tests' consumers run in the same process.
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == IngestMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, meterFactory))
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => counts.AddOrUpdate(instrument.Name, value, (_, sum) => sum + value));
        listener.Start();

        var order = An.OrderCompletedEvent().ForUser(user.UserId).Build();
        await sqs.Send(queues.QueueUrl, order);
        await sqs.Send(queues.QueueUrl, order);
        await sqs.Send(queues.QueueUrl, An.OrderCompletedEvent().ForUser(user.UserId).WithEventType("inventory.stockChanged.v1").Build());
        await sqs.Send(queues.QueueUrl, "{");

        await Eventually.Until(
            () => Task.FromResult(counts.Values.Sum() == 4),
            "four messages counted");
        Assert.Equal(2, counts.GetValueOrDefault("ingest.messages.processed"));
        Assert.Equal(1, counts.GetValueOrDefault("ingest.messages.skipped"));
        Assert.Equal(1, counts.GetValueOrDefault("ingest.messages.dead_lettered"));
        Assert.Equal(0, counts.GetValueOrDefault("ingest.messages.failed"));
    }
}
