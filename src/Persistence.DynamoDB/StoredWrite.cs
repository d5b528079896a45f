namespace UserManagement.Persistence.DynamoDB;

/// <summary>
/// A version of a grain state's item and the id of the write that stored it: what tells a write DynamoDB applied but
/// whose answer was lost from one by another writer.
/// </summary>
internal readonly record struct StoredWrite(long Version, string? WriteId)
{
    /// <summary>A write of <paramref name="version"/> under a new id.</summary>
    public static StoredWrite New(long version) => new(version, Guid.NewGuid().ToString("N"));
}
