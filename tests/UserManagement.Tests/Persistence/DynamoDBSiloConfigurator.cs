using Amazon.DynamoDBv2;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.TestingHost;
using UserManagement.Events.EventBridge;
using UserManagement.Grains.Hosting;
using UserManagement.Contracts.Users;
using UserManagement.Persistence.DynamoDB;
using UserManagement.Reminders.DynamoDB;
using UserManagement.Tests.Infrastructure;
using UserManagement.Tests.Persistence.Grains;
using UserManagement.Grains.Users;

namespace UserManagement.Tests.Persistence;

/// <summary>
/// A test silo with the production user grains and the test counter grains, whose <c>users</c> storage is the DynamoDB
/// storage talking to the endpoint named in its configuration, and whose reminders are in DynamoDB there too.
/// The storage's own settings come from <c>Storage:users:*</c> and <c>Reminders:*</c>, as in production.
/// </summary>
public sealed class DynamoDBSiloConfigurator : ISiloConfigurator
{
    public const string ServiceUrlKey = "Tests:DynamoDB:ServiceUrl";

    public void Configure(ISiloBuilder siloBuilder)
    {
        var serviceUrl = new Uri(siloBuilder.Configuration[ServiceUrlKey]
            ?? throw new InvalidOperationException($"{ServiceUrlKey} is not configured."));
        siloBuilder.Services.AddSingleton<IAmazonDynamoDB>(_ => DynaliteServer.CreateClient(serviceUrl));
        siloBuilder.Services.AddEventBridgePublisher().AddSingleton(EventSettings.Credentials);
        siloBuilder.AddUserGrains().AddDynamoDBGrainStorage(UserGrain.StorageName).AddDynamoDBReminders().AddActivityPropagation();
        siloBuilder.Services.AddLogging(logging => logging.AddProvider(CapturedTelemetry.Logs));
    }
}
