namespace UserManagement.Persistence.DynamoDB;

/// <summary>
/// A grain state whose DynamoDB item would pass the 400 KB item limit. It is thrown before anything is sent to
/// DynamoDB, so the stored item keeps its previous version.
/// </summary>
public sealed class GrainStateTooLargeException : Exception
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
    public long ItemSizeBytes { get; }

    /// <summary>The largest item DynamoDB stores.</summary>
    public long MaxItemSizeBytes { get; }
}
