using Amazon.CDK;
using Amazon.CDK.AWS.DynamoDB;
using Constructs;

namespace UserManagement.Infrastructure;

/// <summary>The DynamoDB table that holds Orleans grain state; the silo never creates it itself.</summary>
public sealed class UserStateTable : Construct
{
    public const string PartitionKeyName = "pk";

    public UserStateTable(Construct scope, string id, bool deletionProtection)
        : base(scope, id)
    {
        Table = new Table(this, "Table", new TableProps
        {
            PartitionKey = new Amazon.CDK.AWS.DynamoDB.Attribute { Name = PartitionKeyName, Type = AttributeType.STRING },
            BillingMode = BillingMode.PAY_PER_REQUEST,
            PointInTimeRecovery = true,
            DeletionProtection = deletionProtection,
            Encryption = TableEncryption.AWS_MANAGED,
            RemovalPolicy = RemovalPolicy.RETAIN,
        });
    }

    public Table Table { get; }
}
