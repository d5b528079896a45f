using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Logging;
using UserManagement.Tests.Builders;
using UserManagement.Tests.Infrastructure;

namespace UserManagement.Tests.Ingest;

/// <summary>A worker whose consumer no longer runs says so: <c>/health/live</c> turns unhealthy and the log says why.</summary>
[Collection(IngestCollection.Name)]
public sealed class LivenessTests(UserClusterFixture cluster, SqsEmulator sqs)
{
    [Fact]
    public async Task A_consuming_worker_is_live()
    {
        var queues = await sqs.CreateQueuePair();
        var user = await RegisteredUser.Register(cluster.Grains);
        await using var ingest = await IngestHost.Start(cluster, sqs, queues);

        await sqs.Send(queues.QueueUrl, An.OrderCompletedEvent().ForUser(user.UserId).WithOrderIdAsJson("\"abc\\ud800\"").Build());
        await sqs.Send(queues.QueueUrl, An.OrderCompletedEvent().ForUser(user.UserId).Build());
        await Eventually.Until(async () => await user.OrderCount(cluster.Grains) == 1, "the valid order counted");

        Assert.Equal(HttpStatusCode.OK, await ingest.Liveness());
    }

    [Fact]
    public async Task When_the_consumer_loop_faults_the_worker_is_no_longer_live_and_the_log_says_why()
    {
        var queues = await sqs.CreateQueuePair();
        using var logs = new FaultingLogs(failingEventId: 4000);
        await using var ingest = await IngestHost.Start(cluster, sqs, queues, logs: logs);

        await Eventually.Until(
            async () => await ingest.Liveness() == HttpStatusCode.ServiceUnavailable, "/health/live unhealthy", TimeSpan.FromSeconds(30));
        Assert.Contains(logs.Lines, line => line.Contains("order consumer stopped on a fault", StringComparison.Ordinal)
            && line.Contains(FaultingLogs.FaultMessage, StringComparison.Ordinal));
    }

    /// <summary>
    /// Keeps every log line, and fails to write the one with the given event id: a fault outside any message's handling,
    /// in a place the consumer cannot guard itself against.
    /// </summary>
    private sealed class FaultingLogs(int failingEventId) : ILoggerProvider
    {
        public const string FaultMessage = "The log sink is broken.";

        private readonly ConcurrentQueue<string> _lines = new();
        private readonly int _failingEventId = failingEventId;

        public IReadOnlyList<string> Lines => [.. _lines];

        public ILogger CreateLogger(string categoryName) => new Logger(this);

        public void Dispose()
        {
        }

        private sealed class Logger(FaultingLogs logs) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (eventId.Id == logs._failingEventId)
                {
                    throw new InvalidOperationException(FaultMessage);
                }

                logs._lines.Enqueue($"{formatter(state, exception)} {exception}");
            }
        }
    }
}
