namespace UserManagement.Tests.Infrastructure;

/// <summary>Configuration the test hosts share. Test-only values; no deployment uses them.</summary>
public static class TestSettings
{
    public const string JwtSecret = "test-signing-secret-that-is-long-enough-for-hs256";
    public const string JwtIssuer = "user-management";
    public const string JwtAudience = "shop";
    public const string AdminEmailAddress = "admin@serverless-sample.com";
    public const string AdminPassword = "test admin passphrase";
    public const int FreeLoginAttempts = 5;

    /// <summary>Failures per account from all addresses together (per day) in the test silos: low, so tests reach it cheaply.</summary>
    public const int AccountFailureLimit = 20;
}
