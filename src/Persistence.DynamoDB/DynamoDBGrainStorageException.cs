namespace UserManagement.Persistence.DynamoDB;

/// <summary>
/// A storage operation DynamoDB refused or could not be reached for, after the SDK's retries. It carries the cause's
/// type and message as text: AWS SDK exceptions cannot be serialized by Orleans, and would otherwise reach the grain's
/// caller as a serialization failure instead of this error. The silo logs the original exception.
/// </summary>
[GenerateSerializer]
public sealed class DynamoDBGrainStorageException : OrleansException
{
    public DynamoDBGrainStorageException()
    {
    }

    public DynamoDBGrainStorageException(string message)
        : base(message)
    {
    }

    public DynamoDBGrainStorageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
