namespace UserManagement.Ingest.Processing;

/// <summary>Why a message can never succeed, as written into the dead-letter queue's <c>DeadLetterReason</c> attribute.</summary>
public enum DeadLetterReason
{
    /// <summary>The body is not JSON, or not an object in one of the known envelopes.</summary>
    MalformedBody = 0,

    /// <summary>Neither an EventBridge <c>detail-type</c> nor a CloudEvent <c>type</c>.</summary>
    MissingEventType = 1,

    /// <summary>An order event without a <c>data</c> object.</summary>
    MissingData = 2,

    /// <summary><c>data.userId</c> is absent, or neither a user id nor an email address.</summary>
    InvalidUserId = 3,

    /// <summary>No order id (<c>orderNumber</c> in v1, <c>orderId</c> in v2), or one that is not usable as an id.</summary>
    InvalidOrderId = 4,

    /// <summary>Nobody is registered under the user id.</summary>
    UnknownUser = 5,
}
