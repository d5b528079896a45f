using Amazon.CDK;
using Amazon.CDK.AWS.DynamoDB;
using Constructs;

namespace UserManagement.Infrastructure;

/// <summary>How the service's DynamoDB tables are kept: String keys, on demand, recoverable, and kept when the stack goes.</summary>
internal static class ServiceTable
{
    public static Table Create(Construct scope, bool deletionProtection, string partitionKey, string? sortKey = null) =>
        new(scope, "Table", new TableProps
        {
            PartitionKey = new Amazon.CDK.AWS.DynamoDB.Attribute { Name = partitionKey, Type = AttributeType.STRING },
            SortKey = sortKey is null ? null : new Amazon.CDK.AWS.DynamoDB.Attribute { Name = sortKey, Type = AttributeType.STRING },
            BillingMode = BillingMode.PAY_PER_REQUEST,
            PointInTimeRecovery = true,
            DeletionProtection = deletionProtection,
            Encryption = TableEncryption.AWS_MANAGED,
            RemovalPolicy = RemovalPolicy.RETAIN,
        });
}
