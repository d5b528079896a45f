namespace UserManagement.Persistence.DynamoDB;

/// <summary>
/// A stored item this storage cannot use as a grain state: it has no readable version (written by something else, or
/// edited by hand). Retrying does not help; the item has to be fixed or removed.
/// </summary>
/// <remarks>An Orleans exception, so it reaches the grain's caller as itself rather than as a serialization failure.</remarks>
[GenerateSerializer]
public sealed class GrainStateUnreadableException : OrleansException
{
    public GrainStateUnreadableException()
    {
    }

    public GrainStateUnreadableException(string message)
        : base(message)
    {
    }

    public GrainStateUnreadableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
