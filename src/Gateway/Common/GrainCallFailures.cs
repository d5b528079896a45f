using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Storage;

namespace UserManagement.Gateway.Common;

/// <summary>
/// Which failures of a grain call are transient: the same call may succeed if tried again shortly. The cluster not
/// answering in time, a silo gone or too busy, a write that lost to another activation's (the grain reads afresh on the
/// next call), and DynamoDB refusing or unreachable after the SDK's own retries. Everything else, such as a state too
/// large to store or an item the storage cannot read, fails the same way every time.
/// </summary>
public static class GrainCallFailures
{
    /// <summary>
    /// The storage's error for DynamoDB refusing or unreachable. Clients do not reference the storage, so it reaches
    /// them as Orleans's stand-in for an unknown exception type, which keeps the type's name.
    /// </summary>
    private const string StorageUnavailableType = "UserManagement.Persistence.DynamoDB.DynamoDBGrainStorageException";

    public static bool IsTransient(Exception exception) => exception switch
    {
        TimeoutException or OperationCanceledException => true,
        SiloUnavailableException or GatewayTooBusyException or OrleansMessageRejectionException or ClientNotAvailableException => true,
        InconsistentStateException => true,
        UnavailableExceptionFallbackException fallback => fallback.ExceptionType?.StartsWith(StorageUnavailableType, StringComparison.Ordinal) == true,
        _ when exception.GetType().FullName == StorageUnavailableType => true,

        // Orleans's runtime raises the plain type when no gateway or silo can be reached.
        _ => exception.GetType() == typeof(OrleansException),
    };
}
