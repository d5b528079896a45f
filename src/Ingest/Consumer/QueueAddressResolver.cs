using Amazon.SQS;

namespace UserManagement.Ingest.Consumer;

/// <summary>Turns the configured queue URLs or names into <see cref="QueueAddresses"/>, asking SQS for the URL of a name.</summary>
public static class QueueAddressResolver
{
    public static async Task<QueueAddresses> Resolve(IAmazonSQS sqs, IngestOptions options, CancellationToken cancellationToken)
    {
        var (queueUrl, queueName) = await Resolve(sqs, options.QueueUrl, options.QueueName, cancellationToken);
        var (deadLetterUrl, deadLetterName) = await Resolve(sqs, options.DeadLetterQueueUrl, options.DeadLetterQueueName, cancellationToken);
        return new QueueAddresses(queueUrl, queueName, deadLetterUrl, deadLetterName);
    }

    private static async Task<(string Url, string Name)> Resolve(
        IAmazonSQS sqs, string? url, string? name, CancellationToken cancellationToken)
    {
        // The URL wins over a name (a deployment gives URLs; appsettings.json names the local queues).
        if (!string.IsNullOrWhiteSpace(url))
        {
            return (url, NameOf(url));
        }

        var response = await sqs.GetQueueUrlAsync(name, cancellationToken);
        return (response.QueueUrl, name!);
    }

    /// <summary>A queue URL ends with the queue's name: <c>https://sqs.region.amazonaws.com/account/name</c>.</summary>
    private static string NameOf(string queueUrl) => queueUrl.TrimEnd('/').Split('/')[^1];
}
