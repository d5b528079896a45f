using Amazon.DynamoDBv2;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Runtime.Hosting;

namespace UserManagement.Persistence.DynamoDB;

public static class DynamoDBGrainStorageExtensions
{
    /// <summary>
    /// Adds a DynamoDB grain storage named <paramref name="name"/>, for grains' <c>[PersistentState(stateName, name)]</c>.
    /// Its settings come from the configuration section <c>Storage:{name}</c>, then from <paramref name="configure"/>.
    /// </summary>
    /// <remarks>
    /// The storage uses the <see cref="IAmazonDynamoDB"/> service. Unless the host registered its own, a client is added
    /// that follows the AWS SDK's conventions: region from <c>AWS_REGION</c> or the profile, endpoint from
    /// <c>AWS_ENDPOINT_URL_DYNAMODB</c> (or <c>AWS_ENDPOINT_URL</c>) when set, the default credential chain, and the
    /// standard retry mode (back-off on throttling and transient errors; <c>AWS_RETRY_MODE</c> and
    /// <c>AWS_MAX_ATTEMPTS</c> change it).
    /// </remarks>
    public static ISiloBuilder AddDynamoDBGrainStorage(
        this ISiloBuilder builder, string name, Action<DynamoDBGrainStorageOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddDynamoDBGrainStorage(name, configure);
        return builder;
    }

    /// <inheritdoc cref="AddDynamoDBGrainStorage(ISiloBuilder, string, Action{DynamoDBGrainStorageOptions}?)"/>
    public static IServiceCollection AddDynamoDBGrainStorage(
        this IServiceCollection services, string name, Action<DynamoDBGrainStorageOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);

        // Settings DynamoDB would refuse later are refused at start-up, so a silo with a bad configuration does not start.
        var section = DynamoDBGrainStorageOptions.ConfigurationSectionFor(name);
        var options = services
            .AddOptions<DynamoDBGrainStorageOptions>(name)
            .BindConfiguration(section)
            .Validate(
                storage => DynamoDBGrainStorageOptions.IsValidTableName(storage.TableName),
                $"{section}:TableName must be 3 to 255 letters, digits, '_', '-' or '.'.")
            .Validate(
                storage => storage.RequestTimeout > TimeSpan.Zero && storage.RequestTimeout <= DynamoDBGrainStorageOptions.LongestRequestTimeout,
                $"{section}:RequestTimeout must be more than zero and at most {DynamoDBGrainStorageOptions.LongestRequestTimeout}.")
            .Validate(storage => storage.JsonSerializerOptions is not null, $"{section}:JsonSerializerOptions must be set.")
            .ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddSingleton<IAmazonDynamoDB>(_ => new AmazonDynamoDBClient(new AmazonDynamoDBConfig()));
        return services.AddGrainStorage(name, DynamoDBGrainStorage.Create);
    }
}
