using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using UserManagement.Grains.Events;
using UserManagement.Grains.Outbox;
using UserManagement.Contracts.Passwords;
using UserManagement.Contracts.Users;
using UserManagement.Grains.Passwords;
using UserManagement.Grains.Users;

namespace UserManagement.Grains.Hosting;

public static class SiloBuilderExtensions
{
    public const string RemindersSectionName = "Orleans:ReminderService";

    /// <summary>The services the user grains need, with options bound from configuration.</summary>
    /// <remarks>
    /// The host adds the two adapters the grains depend on through ports: an <see cref="IEventPublisher"/> (EventBridge)
    /// and a reminder table (the outbox wakes its users with reminders).
    /// </remarks>
    public static ISiloBuilder AddUserGrains(this ISiloBuilder silo)
    {
        silo.AddReminders();
        var services = silo.Services;

        // Any ReminderOptions property. MinimumReminderPeriod bounds the outbox's reminder period, which is how late a
        // due attempt can be after its silo died (a reminder whose time passed unowned fires at its next period).
        services.AddOptions<ReminderOptions>().BindConfiguration(RemindersSectionName);
        services.AddOptions<PasswordHashingOptions>()
            .BindConfiguration(PasswordHashingOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(hashing => hashing.QueueTimeout > TimeSpan.Zero, "PasswordHashing:QueueTimeout must be positive.")
            .ValidateOnStart();
        services.AddOptions<AdministratorOptions>()
            .BindConfiguration(AdministratorOptions.SectionName)
            .Validate(AdministratorIsValid, "Admin:EmailAddress must be a valid address and Admin:Password must meet the password policy.")
            .Validate(
                admin => admin.SeedRetryDelay > TimeSpan.Zero && admin.SeedRetryMaxDelay >= admin.SeedRetryDelay,
                "Admin:SeedRetryDelay must be positive and Admin:SeedRetryMaxDelay at least as long.")
            .ValidateOnStart();
        services.AddOptions<LoginThrottlingOptions>()
            .BindConfiguration(LoginThrottlingOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(
                throttling => throttling.AccountFailureLimit >= throttling.FreeAttempts,
                "LoginThrottling:AccountFailureLimit must be at least LoginThrottling:FreeAttempts.")
            .Validate(throttling => throttling.KnownAddressLifetime > TimeSpan.Zero, "LoginThrottling:KnownAddressLifetime must be positive.")
            .ValidateOnStart();
        services.AddSingleton<LoginThrottle>();
        services.AddSingleton<ActiveUserDetails>();
        services.AddSingleton<IActiveUserDetails>(provider => provider.GetRequiredService<ActiveUserDetails>());
        services.AddOptions<OrderCountingOptions>()
            .BindConfiguration(OrderCountingOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<OutboxOptions>()
            .BindConfiguration(OutboxOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<EventSourceOptions>()
            .BindConfiguration(EventSourceOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<OutboxMetrics>();
        services.AddTransient<EventOutbox>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IPasswordHasher, Argon2idPasswordHasher>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, AdministratorSeeder>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, LegacyOutboxIndexDrain>();
        return silo;
    }

    private static bool AdministratorIsValid(AdministratorOptions admin) =>
        string.IsNullOrEmpty(admin.Password)
        || (EmailAddress.IsValid(admin.EmailAddress) && PasswordPolicy.Check(admin.Password) is null);
}
