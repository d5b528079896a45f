namespace UserManagement.Tests.Ingest;

/// <summary>A source queue and the dead-letter queue its redrive policy names.</summary>
public sealed record QueuePair(string QueueUrl, string QueueName, string DeadLetterQueueUrl, string DeadLetterQueueName);
