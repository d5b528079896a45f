using System.Text.Json;
using Amazon.SQS;
using Amazon.SQS.Model;

namespace UserManagement.Tests.Ingest;

/// <summary>
/// The SQS emulator without the service's queues (<see cref="SqsServer"/>), and what the ingest tests do with it: fresh
/// queue pairs, counting, sending and draining messages.
/// </summary>
public sealed class SqsEmulator : IAsyncLifetime
{
    public const int MaxReceiveCount = 5;

    private SqsServer? _server;

    public IAmazonSQS Client => Server.Client;

    public string Endpoint => Server.Endpoint.ToString();

    private SqsServer Server => _server ?? throw new InvalidOperationException("The SQS emulator has not started.");

    public async Task InitializeAsync() => _server = await SqsServer.StartAsync(withServiceQueues: false);

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    /// <summary>A fresh queue and dead-letter queue, with a redrive policy as deployed, named uniquely for one test.</summary>
    public async Task<QueuePair> CreateQueuePair()
    {
        var name = $"orders-{Guid.NewGuid():N}";
        var deadLetterName = $"{name}-dlq";
        var deadLetterUrl = (await Client.CreateQueueAsync(deadLetterName)).QueueUrl;
        var deadLetterArn = (await Client.GetQueueAttributesAsync(deadLetterUrl, ["QueueArn"])).QueueARN;
        var queueUrl = (await Client.CreateQueueAsync(new CreateQueueRequest
        {
            QueueName = name,
            Attributes = new Dictionary<string, string>
            {
                ["RedrivePolicy"] = JsonSerializer.Serialize(new { deadLetterTargetArn = deadLetterArn, maxReceiveCount = MaxReceiveCount }),
            },
        })).QueueUrl;
        return new QueuePair(queueUrl, name, deadLetterUrl, deadLetterName);
    }

    /// <summary>Messages on the queue in any state: waiting, being worked on, or delayed.</summary>
    public Task<int> CountMessages(string queueUrl) => Server.CountAsync(queueUrl);

    public Task<SendMessageResponse> Send(string queueUrl, string body) => Client.SendMessageAsync(queueUrl, body);

    /// <summary>Sends the bodies in batches of ten, as a producer under load would.</summary>
    public Task SendBatches(string queueUrl, IReadOnlyList<string> bodies) => Server.SendAsync(queueUrl, bodies);

    /// <summary>Takes every message off a queue (a dead-letter queue, to inspect it), waiting for at least <paramref name="expected"/>.</summary>
    public async Task<List<Message>> Drain(string queueUrl, int expected)
    {
        var messages = new List<Message>();
        await Eventually.Until(async () =>
        {
            var response = await Client.ReceiveMessageAsync(new ReceiveMessageRequest
            {
                QueueUrl = queueUrl,
                MaxNumberOfMessages = 10,
                WaitTimeSeconds = 1,
                MessageAttributeNames = ["All"],
            });
            foreach (var message in response.Messages ?? [])
            {
                messages.Add(message);
                await Client.DeleteMessageAsync(queueUrl, message.ReceiptHandle);
            }

            return messages.Count >= expected;
        }, $"{expected} message(s) on {queueUrl}");
        return messages;
    }
}
