using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using UserManagement.Contracts.Users;
using UserManagement.Grains.Users;
using UserManagement.Resilience;

namespace UserManagement.Grains.Hosting;

/// <summary>
/// Creates the administrator once the silo is active, in the background: a silo starts whether or not DynamoDB
/// answers, and seeding tries again with back-off until it does, or until the silo stops. An existing account is left
/// exactly as it is; one that is not an administrator's is logged as an error, since nobody can then sign in as the
/// administrator.
/// </summary>
public sealed partial class AdministratorSeeder(
    IGrainFactory grains,
    IOptions<AdministratorOptions> options,
    ILogger<AdministratorSeeder> logger) : ILifecycleParticipant<ISiloLifecycle>, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private Task _seeding = Task.CompletedTask;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(AdministratorSeeder), ServiceLifecycleStage.Active, Start, Stop);

    public void Dispose() => _stopping.Dispose();

    private Task Start(CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(options.Value.Password))
        {
            LogNotConfigured(logger);
            return Task.CompletedTask;
        }

        _seeding = Task.Run(() => SeedUntilDone(_stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    private async Task Stop(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        try
        {
            await _seeding.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Seeding stopped with the silo, or the silo would not wait for it any longer.
        }
    }

    private Task SeedUntilDone(CancellationToken stopping)
    {
        var admin = options.Value;
        return new Backoff(admin.SeedRetryDelay, admin.SeedRetryMaxDelay).RetryUntilDone(
            attempt => SeedOnce(admin, attempt),
            (exception, failures, delay) => LogSeedingFailed(logger, exception, failures, delay),
            stopping);
    }

    private async Task SeedOnce(AdministratorOptions admin, CancellationToken stopping)
    {
        var registration = new Registration(admin.EmailAddress, admin.FirstName, admin.LastName, new Password(admin.Password!));
        var account = grains.GetGrain<IAdministratorAccountGrain>(UserKey.FromEmailAddress(admin.EmailAddress));
        var result = await account.RegisterAdministrator(registration, stopping);
        var user = result.User ?? await account.GetDetails();
        if (user?.Tier != UserTier.Admin)
        {
            LogNotAnAdministrator(logger, user?.UserId, user?.Tier);
            return;
        }

        LogSeeded(logger, created: result.User is not null);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No administrator password is configured (Admin:Password); no administrator is seeded")]
    private static partial void LogNotConfigured(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Administrator account checked at start-up (created: {Created})")]
    private static partial void LogSeeded(ILogger logger, bool created);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Seeding the administrator failed (try {Failures}); trying again in {Delay}")]
    private static partial void LogSeedingFailed(ILogger logger, Exception exception, int failures, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Error, Message = "The account at the administrator's address (Admin:EmailAddress), user {UserId}, is {Tier}, not an administrator; nobody can sign in as the administrator until it is made one or another address is configured")]
    private static partial void LogNotAnAdministrator(ILogger logger, string? userId, UserTier? tier);
}
