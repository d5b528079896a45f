namespace UserManagement.Persistence.DynamoDB;

/// <summary>
/// A grain state whose DynamoDB item would pass the 400 KB item limit. It is thrown before anything is sent to
/// DynamoDB, so the stored item keeps its previous version.
/// </summary>
/// <remarks>An Orleans exception, so it reaches the grain's caller as itself rather than as a serialization failure.</remarks>
[GenerateSerializer]
public sealed class GrainStateTooLargeException : OrleansException
{
    public GrainStateTooLargeException()
    {
    }

    public GrainStateTooLargeException(string message)
        : base(message)
    {
    }

    public GrainStateTooLargeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public GrainStateTooLargeException(string stateName, string grainType, long itemSizeBytes, long maxItemSizeBytes)
        : base(
            $"The state '{stateName}' of a '{grainType}' grain would take about {itemSizeBytes:N0} bytes in DynamoDB, " +
            $"more than the item limit of {maxItemSizeBytes:N0} bytes; it was not written.")
    {
        ItemSizeBytes = itemSizeBytes;
        MaxItemSizeBytes = maxItemSizeBytes;
    }

    /// <summary>The estimated size of the item that was refused.</summary>
    [Id(0)]
    public long ItemSizeBytes { get; private set; }

    /// <summary>The largest item DynamoDB stores.</summary>
    [Id(1)]
    public long MaxItemSizeBytes { get; private set; }
}
