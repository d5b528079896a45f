using Amazon.CDK.AWS.DynamoDB;
using Constructs;

namespace UserManagement.Infrastructure;

/// <summary>The DynamoDB table that holds Orleans grain state; the silo never creates it itself.</summary>
public sealed class UserStateTable : Construct
{
    public const string PartitionKeyName = "pk";

    public UserStateTable(Construct scope, string id, bool deletionProtection)
        : base(scope, id) =>
        Table = ServiceTable.Create(this, deletionProtection, PartitionKeyName);

    public Table Table { get; }
}
