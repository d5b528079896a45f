namespace UserManagement.Grains.Hosting;

/// <summary>The administrator account seeded at start-up. Without a password nothing is seeded.</summary>
public sealed class AdministratorOptions
{
    public const string SectionName = "Admin";

    public string EmailAddress { get; set; } = "admin@serverless-sample.com";

    public string? Password { get; set; }

    public string FirstName { get; set; } = "Shop";

    public string LastName { get; set; } = "Administrator";
}
