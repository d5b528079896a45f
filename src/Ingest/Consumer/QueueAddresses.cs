namespace UserManagement.Ingest.Consumer;

/// <summary>The source queue and the dead-letter queue, as URLs for the calls and names for telemetry and logs.</summary>
public sealed record QueueAddresses(string QueueUrl, string QueueName, string DeadLetterQueueUrl, string DeadLetterQueueName);
