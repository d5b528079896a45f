using UserManagement.Contracts.Users;

namespace UserManagement.Grains.Hosting;

/// <summary>Section <c>Admin</c>: the administrator account seeded at start-up. Without a password nothing is seeded.</summary>
public sealed class AdministratorOptions
{
    public const string SectionName = "Admin";

    public string EmailAddress { get; set; } = "admin@serverless-sample.com";

    public string? Password { get; set; }

    public string FirstName { get; set; } = "Shop";

    public string LastName { get; set; } = "Administrator";

    /// <summary>After a failed try, seeding tries again after this delay, doubled per failure up to <see cref="SeedRetryMaxDelay"/>.</summary>
    public TimeSpan SeedRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan SeedRetryMaxDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Whether a self-service registration of <paramref name="emailAddress"/> would pass for the administrator: the
    /// address itself, seeded or not, or one that looks like it.
    /// </summary>
    public bool IsReservedAddress(string emailAddress) =>
        Contracts.Users.EmailAddress.TryCanonicalize(EmailAddress, out var administrator)
        && Contracts.Users.EmailAddress.TryCanonicalize(emailAddress, out var candidate)
        && Contracts.Users.EmailAddress.LooksLike(candidate, administrator);
}
