using Amazon.CDK.AWS.DynamoDB;
using Constructs;

namespace UserManagement.Infrastructure;

/// <summary>
/// The DynamoDB table of Orleans reminders: one item per user with events still to publish, which wakes that user when
/// an attempt is due, on whichever silo owns it. The silo never creates it itself.
/// </summary>
public sealed class ReminderTable : Construct
{
    public const string PartitionKeyName = "pk";
    public const string SortKeyName = "sk";

    public ReminderTable(Construct scope, string id, bool deletionProtection)
        : base(scope, id) =>
        Table = ServiceTable.Create(this, deletionProtection, PartitionKeyName, SortKeyName);

    public Table Table { get; }
}
