extern alias ingest;

using System.Collections.Concurrent;
using System.Diagnostics;
using ingest::UserManagement.Ingest.Diagnostics;
using UserManagement.Tests.Builders;
using UserManagement.Tests.Infrastructure;

namespace UserManagement.Tests.Ingest;

/// <summary>Each message is processed in a consumer span that continues (or links) the producer's trace.</summary>
[Collection(IngestCollection.Name)]
public sealed class TracingTests : IDisposable
{
    private readonly UserClusterFixture cluster;
    private readonly SqsEmulator sqs;
    private readonly ConcurrentQueue<Activity> _activities = new();
    private readonly ActivityListener _listener;

    public TracingTests(UserClusterFixture cluster, SqsEmulator sqs)
    {
        this.cluster = cluster;
        this.sqs = sqs;
        _listener = new ActivityListener
        {
            ShouldListenTo = _ => true,
            Sample = (ref _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _activities.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public void Dispose() => _listener.Dispose();

    [Fact]
    public async Task The_processing_span_continues_the_producers_trace_and_parents_the_grain_call()
    {
        var queues = await sqs.CreateQueuePair();
        var user = await RegisteredUser.Register(cluster.Grains);
        var order = An.OrderCompletedEvent().ForUser(user.UserId);
        await using var ingest = await IngestHost.Start(cluster, sqs, queues);

        var sent = await sqs.Send(queues.QueueUrl, order.Build());

        var span = await ProcessingSpanOf(sent.MessageId);
        var producer = ActivityContext.Parse(order.TraceParent, null);
        Assert.Equal(ActivityKind.Consumer, span.Kind);
        Assert.Equal(producer.TraceId, span.TraceId);
        Assert.Equal(producer.SpanId, span.ParentSpanId);
        Assert.Equal("aws_sqs", span.GetTagItem("messaging.system"));
        Assert.Equal(queues.QueueName, span.GetTagItem("messaging.destination.name"));
        Assert.Equal("process", span.GetTagItem("messaging.operation.type"));
        Assert.Equal(1, span.GetTagItem(IngestTelemetry.ReceiveCountTag));
        await Eventually.Until(
            () => Task.FromResult(_activities.Any(child => child.ParentSpanId == span.SpanId && child.TraceId == span.TraceId)),
            "a grain call span under the processing span");
    }

    [Fact]
    public async Task With_span_links_the_processing_span_starts_a_trace_linked_to_the_producers()
    {
        var queues = await sqs.CreateQueuePair();
        var user = await RegisteredUser.Register(cluster.Grains);
        var order = An.OrderCompletedEvent().ForUser(user.UserId);
        await using var ingest = await IngestHost.Start(cluster, sqs, queues, new Dictionary<string, string?> { ["Ingest:UseSpanLink"] = "true" });

        var sent = await sqs.Send(queues.QueueUrl, order.Build());

        var span = await ProcessingSpanOf(sent.MessageId);
        var producer = ActivityContext.Parse(order.TraceParent, null);
        Assert.NotEqual(producer.TraceId, span.TraceId);
        Assert.Equal(default, span.ParentSpanId);
        var link = Assert.Single(span.Links);
        Assert.Equal((producer.TraceId, producer.SpanId), (link.Context.TraceId, link.Context.SpanId));
    }

    [Theory]
    [InlineData("not-a-traceparent")]
    [InlineData("00-00000000000000000000000000000000-0000000000000000-01")]
    public async Task A_malformed_traceparent_means_a_span_with_no_parent(string traceParent)
    {
        var queues = await sqs.CreateQueuePair();
        var user = await RegisteredUser.Register(cluster.Grains);
        await using var ingest = await IngestHost.Start(cluster, sqs, queues);

        var sent = await sqs.Send(queues.QueueUrl, An.OrderCompletedEvent().ForUser(user.UserId).WithTraceParent(traceParent).Build());

        var span = await ProcessingSpanOf(sent.MessageId);
        Assert.Equal(default, span.ParentSpanId);
        await Eventually.Until(async () => await user.OrderCount(cluster.Grains) == 1, "the order counted");
    }

    private async Task<Activity> ProcessingSpanOf(string messageId)
    {
        Activity? span = null;
        await Eventually.Until(
            () => Task.FromResult((span = _activities.FirstOrDefault(a =>
                a.Source.Name == IngestTelemetry.SourceName && (string?)a.GetTagItem("messaging.message.id") == messageId)) is not null),
            $"the processing span of message {messageId}");
        return span!;
    }
}
