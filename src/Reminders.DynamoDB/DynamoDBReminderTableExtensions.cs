using Amazon.DynamoDBv2;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace UserManagement.Reminders.DynamoDB;

public static class DynamoDBReminderTableExtensions
{
    /// <summary>
    /// Orleans reminders with their table in DynamoDB, settings from the <c>Reminders</c> section. The DynamoDB client is
    /// the host's <see cref="IAmazonDynamoDB"/>, or one that follows the AWS SDK's conventions.
    /// </summary>
    public static ISiloBuilder AddDynamoDBReminders(this ISiloBuilder silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        silo.AddReminders();
        silo.Services.AddOptions<DynamoDBReminderTableOptions>()
            .BindConfiguration(DynamoDBReminderTableOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        silo.Services.TryAddSingleton<IAmazonDynamoDB>(_ => new AmazonDynamoDBClient(new AmazonDynamoDBConfig()));
        silo.Services.AddSingleton<IReminderTable, DynamoDBReminderTable>();
        return silo;
    }
}
