using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace UserManagement.Persistence.DynamoDB;

/// <summary>
/// A client span and a duration per DynamoDB call, named as OpenTelemetry's database conventions name them. Key
/// values are never recorded: a grain key may be derived from an email address.
/// </summary>
internal static class DynamoDBGrainStorageTelemetry
{
    public const string Name = "UserManagement.Persistence.DynamoDB";

    private static readonly ActivitySource Source = new(Name);
    private static readonly Meter Meter = new(Name);

    private static readonly Histogram<double> Duration = Meter.CreateHistogram<double>(
        "db.client.operation.duration", unit: "s", description: "Duration of DynamoDB calls of the grain storage");

    /// <summary>The DynamoDB API each of the storage's operations calls.</summary>
    public static string ApiOf(string operation) => operation switch
    {
        "read" or "verify" => "GetItem",
        "write" or "clear" => "PutItem",
        _ => operation,
    };

    public static Activity? StartCall(string storageOperation, string table, string stateName)
    {
        var operation = ApiOf(storageOperation);
        var activity = Source.StartActivity($"{operation} {table}", ActivityKind.Client);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("db.system", "dynamodb");
            activity.SetTag("db.system.name", "aws.dynamodb");
            activity.SetTag("db.operation.name", operation);
            activity.SetTag("db.collection.name", table);
            activity.SetTag("aws.dynamodb.table_names", new[] { table });
            activity.SetTag("orleans.state.name", stateName);
        }

        return activity;
    }

    public static void RecordDuration(string storageOperation, string table, TimeSpan elapsed, string? errorType) =>
        Duration.Record(
            elapsed.TotalSeconds,
            new KeyValuePair<string, object?>("db.system.name", "aws.dynamodb"),
            new KeyValuePair<string, object?>("db.operation.name", ApiOf(storageOperation)),
            new KeyValuePair<string, object?>("db.collection.name", table),
            new KeyValuePair<string, object?>("error.type", errorType));
}
