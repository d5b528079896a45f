using System.ComponentModel.DataAnnotations;

namespace UserManagement.Reminders.DynamoDB;

/// <summary>Section <c>Reminders</c>: the DynamoDB table of Orleans reminders.</summary>
/// <remarks>
/// The DynamoDB client is the <c>IAmazonDynamoDB</c> service the grain storage uses too, following the AWS SDK's
/// conventions (<c>AWS_REGION</c>, <c>AWS_ENDPOINT_URL_DYNAMODB</c>, the default credential chain).
/// </remarks>
public sealed class DynamoDBReminderTableOptions
{
    public const string SectionName = "Reminders";

    /// <summary>A String partition key <c>pk</c> and a String sort key <c>sk</c>.</summary>
    [Required]
    [RegularExpression("^[a-zA-Z0-9_.-]{3,255}$", ErrorMessage = "Reminders:TableName must be 3 to 255 letters, digits, '_', '-' or '.'.")]
    public string TableName { get; set; } = "user-management-reminders";

    /// <summary>Create the table (on-demand) at start-up when missing; the local run and the tests turn it on.</summary>
    public bool CreateTableIfNotExists { get; set; }

    /// <summary>Otherwise check at start-up that the table exists and is keyed as expected, so a wrong name stops the silo.</summary>
    public bool VerifyTableOnStartup { get; set; } = true;

    /// <summary>The longest one call to the table may take, the SDK's retries included.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
