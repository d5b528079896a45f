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

    /// <summary>The OAuth issuer of in-memory gateways: the base address <c>WebApplicationFactory</c> clients use.</summary>
    public const string OAuthIssuer = "http://localhost/";

    /// <summary>OAuth keys for gateways run as Production processes, which make no keys of their own; new each test run.</summary>
    public static IReadOnlyDictionary<string, string> ProductionOAuthKeys { get; } = new Dictionary<string, string>
    {
        ["OAuth__EncryptionKey"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
        ["OAuth__IdentityTokenSigningKeyPem"] = System.Security.Cryptography.RSA.Create(2048).ExportPkcs8PrivateKeyPem(),
    };
}
