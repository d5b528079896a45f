using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.TestingHost;
using UserManagement.Events.EventBridge;
using UserManagement.Grains.Hosting;
using UserManagement.Contracts.Users;
using UserManagement.Grains.Users;

namespace UserManagement.Tests.Infrastructure;

/// <summary>The silo of the tests: the production grain set-up with state and reminders kept in memory.</summary>
public sealed class UserSiloConfigurator : ISiloConfigurator
{
    public void Configure(ISiloBuilder siloBuilder)
    {
        siloBuilder.AddUserGrains().AddMemoryGrainStorage(UserGrain.StorageName).UseInMemoryReminderService().AddActivityPropagation();
        siloBuilder.Services.AddEventBridgePublisher().AddSingleton(EventSettings.Credentials);
        siloBuilder.Services.AddLogging(logging => logging.AddProvider(CapturedTelemetry.Logs).SetMinimumLevel(LogLevel.Trace));
    }
}
