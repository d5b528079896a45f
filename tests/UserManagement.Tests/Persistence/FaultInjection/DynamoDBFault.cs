namespace UserManagement.Tests.Persistence.FaultInjection;

/// <summary>What <see cref="FaultyDynamoDBProxy"/> does to a request instead of passing it on and its answer back.</summary>
public enum DynamoDBFault
{
    /// <summary>Passes the request on, then resets the connection: DynamoDB applied it, the caller never hears so.</summary>
    ResetAfterApplying,

    /// <summary>Passes the request on, then answers 500 in place of DynamoDB's answer.</summary>
    ServerErrorAfterApplying,

    /// <summary>Passes the request on and holds its answer back for a while: shorter than the caller waits, or longer.</summary>
    DelayedAnswer,

    /// <summary>Answers 500 without passing the request on.</summary>
    ServerErrorWithoutApplying,
}
