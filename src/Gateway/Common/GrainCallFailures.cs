using Orleans.Runtime;
using Orleans.Runtime.Messaging;
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

    /// <summary>
    /// The call did not reach a living silo, or its answer did not come back: a silo died or is too busy, or no
    /// connection to the cluster could be made. Repeated at once, a call that changes nothing reaches the grain
    /// activated anew on a living silo (<see cref="IdempotentCalls"/>).
    /// </summary>
    public static bool IsClusterUnreachable(Exception exception) =>
        exception is SiloUnavailableException or OrleansMessageRejectionException or ConnectionFailedException
            or GatewayTooBusyException or TimeoutException;

    public static bool IsTransient(Exception exception) => exception switch
    {
        _ when IsClusterUnreachable(exception) => true,
        OperationCanceledException or ClientNotAvailableException or InconsistentStateException => true,
        UnavailableExceptionFallbackException fallback => fallback.ExceptionType?.StartsWith(StorageUnavailableType, StringComparison.Ordinal) == true,
        _ when exception.GetType().FullName == StorageUnavailableType => true,

        // Orleans's runtime raises the plain type when no gateway or silo can be reached.
        _ => exception.GetType() == typeof(OrleansException),
    };
}
