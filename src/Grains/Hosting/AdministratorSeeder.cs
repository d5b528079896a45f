using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using UserManagement.Grains.Users;

namespace UserManagement.Grains.Hosting;

/// <summary>Creates the administrator once the silo is active. An existing account is left exactly as it is.</summary>
public sealed partial class AdministratorSeeder(
    IGrainFactory grains,
    IOptions<AdministratorOptions> options,
    ILogger<AdministratorSeeder> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(AdministratorSeeder), ServiceLifecycleStage.Active, Seed);

    private async Task Seed(CancellationToken cancellationToken)
    {
        var admin = options.Value;
        if (string.IsNullOrEmpty(admin.Password))
        {
            LogNotConfigured(logger);
            return;
        }

        var registration = new Registration(admin.EmailAddress, admin.FirstName, admin.LastName, new Password(admin.Password));
        var result = await grains.GetUserByEmailAddress(admin.EmailAddress).RegisterAdministrator(registration, cancellationToken);
        LogSeeded(logger, result.Created);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No administrator password is configured (Admin:Password); no administrator is seeded")]
    private static partial void LogNotConfigured(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Administrator account checked at start-up (created: {Created})")]
    private static partial void LogSeeded(ILogger logger, bool created);
}
