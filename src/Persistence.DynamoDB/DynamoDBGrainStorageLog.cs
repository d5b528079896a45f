using Microsoft.Extensions.Logging;

namespace UserManagement.Persistence.DynamoDB;

/// <summary>
/// The storage's log events. They name tables, grain types, state names and versions, never keys (derived from user
/// ids) or state contents.
/// </summary>
internal static partial class DynamoDBGrainStorageLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information,
        Message = "Creating DynamoDB table {TableName} for grain storage {StorageName} (on-demand capacity)")]
    public static partial void CreatingTable(this ILogger logger, string tableName, string storageName);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information,
        Message = "DynamoDB table {TableName} for grain storage {StorageName} is active")]
    public static partial void TableActive(this ILogger logger, string tableName, string storageName);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning,
        Message = "Write conflict on state {StateName} of a {GrainType} grain in table {TableName}: expected version {ExpectedETag}, stored {StoredETag}")]
    public static partial void WriteConflict(
        this ILogger logger, string stateName, string grainType, string tableName, string expectedETag, string storedETag);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning,
        Message = "State {StateName} of a {GrainType} grain cannot be held as DynamoDB attributes (too deeply nested, a number beyond DynamoDB's range or an empty map key); it is stored as JSON text")]
    public static partial void StoredAsJsonText(this ILogger logger, string stateName, string grainType);

    [LoggerMessage(EventId = 5, Level = LogLevel.Error,
        Message = "State {StateName} of a {GrainType} grain would take about {ItemSizeBytes} bytes, more than DynamoDB's item limit; it was not written")]
    public static partial void StateTooLarge(this ILogger logger, string stateName, string grainType, long itemSizeBytes);

    [LoggerMessage(EventId = 6, Level = LogLevel.Warning,
        Message = "DynamoDB did not complete {Operation} of state {StateName} of a {GrainType} grain in table {TableName} within {Timeout}")]
    public static partial void TimedOut(
        this ILogger logger, string operation, string stateName, string grainType, string tableName, TimeSpan timeout);

    [LoggerMessage(EventId = 7, Level = LogLevel.Error,
        Message = "DynamoDB failed the {Operation} of state {StateName} of a {GrainType} grain in table {TableName}")]
    public static partial void OperationFailed(
        this ILogger logger, Exception exception, string operation, string stateName, string grainType, string tableName);

    [LoggerMessage(EventId = 8, Level = LogLevel.Warning,
        Message = "The answer to the {Operation} of state {StateName} of a {GrainType} grain in table {TableName} was lost and the SDK's retry refused; the stored version {Version} is that write's own, so it succeeded")]
    public static partial void LostAnswerRecognised(
        this ILogger logger, string operation, string stateName, string grainType, string tableName, long version);

    [LoggerMessage(EventId = 9, Level = LogLevel.Warning,
        Message = "An earlier write of state {StateName} of a {GrainType} grain in table {TableName} that failed without an answer was stored as version {Version}; the {Operation} replaces it")]
    public static partial void EarlierWriteFound(
        this ILogger logger, string operation, string stateName, string grainType, string tableName, long version);

    [LoggerMessage(EventId = 10, Level = LogLevel.Error,
        Message = "The item of state {StateName} of a {GrainType} grain in table {TableName} has no readable version; it is neither read nor written")]
    public static partial void ItemWithoutVersion(this ILogger logger, string stateName, string grainType, string tableName);
}
