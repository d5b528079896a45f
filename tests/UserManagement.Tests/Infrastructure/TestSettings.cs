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

    /// <summary>The OAuth issuer of in-memory gateways: the base address <c>WebApplicationFactory</c> clients use.</summary>
    public const string OAuthIssuer = "http://localhost/";

    /// <summary>
    /// The OAuth keys every test gateway shares, as deployed gateways do (a Production gateway makes none of its own);
    /// new each test run. Keys as configuration names them.
    /// </summary>
    public static IReadOnlyDictionary<string, string?> OAuthKeys { get; } = new Dictionary<string, string?>
    {
        ["OAuth:KeySecret"] = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
    };

    /// <summary>The same keys as environment variables, for gateways run as processes.</summary>
    public static IEnumerable<KeyValuePair<string, string>> OAuthKeyVariables =>
        OAuthKeys.Select(key => KeyValuePair.Create(key.Key.Replace(":", "__", StringComparison.Ordinal), key.Value!));
}
