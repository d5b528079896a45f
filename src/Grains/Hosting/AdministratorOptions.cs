using UserManagement.Grains.Users;

namespace UserManagement.Grains.Hosting;

/// <summary>The administrator account seeded at start-up. Without a password nothing is seeded.</summary>
public sealed class AdministratorOptions
{
    public const string SectionName = "Admin";

    public string EmailAddress { get; set; } = "admin@serverless-sample.com";

    public string? Password { get; set; }

    public string FirstName { get; set; } = "Shop";

    public string LastName { get; set; } = "Administrator";

    /// <summary>
    /// Whether a self-service registration of <paramref name="emailAddress"/> would pass for the administrator: the
    /// address itself, seeded or not, or one that looks like it.
    /// </summary>
    public bool IsReservedAddress(string emailAddress) =>
        Users.EmailAddress.TryCanonicalize(EmailAddress, out var administrator)
        && Users.EmailAddress.TryCanonicalize(emailAddress, out var candidate)
        && Users.EmailAddress.LooksLike(candidate, administrator);
}
