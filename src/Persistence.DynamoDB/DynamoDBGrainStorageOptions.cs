using System.Text.RegularExpressions;
using System.Text.Json;

namespace UserManagement.Persistence.DynamoDB;

/// <summary>
/// Settings of one named DynamoDB grain storage, bound from the configuration section <c>Storage:{name}</c>
/// (for example <c>Storage:users:TableName</c>, or <c>Storage__users__TableName</c> as an environment variable).
/// </summary>
/// <remarks>
/// The DynamoDB client itself is not configured here: it is the <c>IAmazonDynamoDB</c> service, which by default follows
/// the AWS SDK's conventions (<c>AWS_REGION</c>, <c>AWS_ENDPOINT_URL_DYNAMODB</c>, the default credential chain,
/// <c>AWS_RETRY_MODE</c> and <c>AWS_MAX_ATTEMPTS</c>).
/// </remarks>
public sealed partial class DynamoDBGrainStorageOptions
{
    /// <summary>The configuration section that holds the settings of the storage named <c>{name}</c>.</summary>
    public static string ConfigurationSectionFor(string name) => $"Storage:{name}";

    public const string DefaultTableName = "user-management-grain-state";

    /// <summary>
    /// The table that holds one item per grain state, keyed by the String partition key <c>pk</c> and no sort key.
    /// Default <c>user-management-grain-state</c>.
    /// </summary>
    public string TableName { get; set; } = DefaultTableName;

    /// <summary>
    /// Whether the silo creates the table (on-demand capacity, <c>PAY_PER_REQUEST</c>) at start-up when it is missing.
    /// Default <see langword="false"/>: in AWS the infrastructure code owns the table; the local run and the tests turn it on.
    /// </summary>
    public bool CreateTableIfNotExists { get; set; }

    /// <summary>
    /// Whether the silo checks at start-up that the table exists with the expected key schema, so a wrong table name or
    /// missing permission stops the silo instead of failing the first user's request. Needs <c>dynamodb:DescribeTable</c>.
    /// Default <see langword="true"/>. Ignored when <see cref="CreateTableIfNotExists"/> is on (creating verifies too).
    /// </summary>
    public bool VerifyTableOnStartup { get; set; } = true;

    /// <summary>
    /// The most one storage operation may take, the SDK's retries with back-off included, before it fails with a
    /// <see cref="TimeoutException"/>: an unreachable endpoint gives a clear error instead of a hung grain call.
    /// Default 5 seconds.
    /// </summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How grain state objects are turned into JSON before they are stored as a DynamoDB map. Default: System.Text.Json's
    /// general defaults (property names as declared in C#). Set in code only; it is not read from configuration.
    /// </summary>
    public JsonSerializerOptions JsonSerializerOptions { get; set; } = new(JsonSerializerDefaults.General);

    internal static readonly TimeSpan LongestRequestTimeout = TimeSpan.FromMinutes(5);

    internal static bool IsValidTableName(string? tableName) => tableName is not null && TableNamePattern().IsMatch(tableName);

    [GeneratedRegex("^[a-zA-Z0-9_.-]{3,255}$")]
    private static partial Regex TableNamePattern();
}
