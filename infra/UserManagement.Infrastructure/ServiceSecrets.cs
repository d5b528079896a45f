using Amazon.CDK.AWS.SecretsManager;
using Constructs;

namespace UserManagement.Infrastructure;

/// <summary>Secrets generated at deploy time; containers receive them through ECS secrets, never in plain environment.</summary>
public sealed class ServiceSecrets : Construct
{
    /// <summary>Alphanumeric characters, so 64 of them are 64 bytes of HMAC key, well above the 32 bytes HS256 needs.</summary>
    public const int JwtSigningKeyLength = 64;

    public const int AdminPasswordLength = 32;

    public ServiceSecrets(Construct scope, string id)
        : base(scope, id)
    {
        JwtSigningKey = new Secret(this, "JwtSigningKey", new SecretProps
        {
            Description = "HMAC key the user management gateway signs JWTs with",
            GenerateSecretString = new SecretStringGenerator
            {
                PasswordLength = JwtSigningKeyLength,
                ExcludePunctuation = true,
            },
        });

        OAuthKeySecret = new Secret(this, "OAuthKeySecret", new SecretProps
        {
            Description = "Secret the user management gateways derive their OAuth encryption and identity-token keys from",
            GenerateSecretString = new SecretStringGenerator
            {
                PasswordLength = JwtSigningKeyLength,
                ExcludePunctuation = true,
            },
        });

        AdminPassword = new Secret(this, "AdminPassword", new SecretProps
        {
            Description = "Password of the administrator account the user management silo seeds",
            GenerateSecretString = new SecretStringGenerator
            {
                PasswordLength = AdminPasswordLength,
                RequireEachIncludedType = true,
                // Quotes and backslashes survive env injection but trip up people pasting the password into a shell.
                ExcludeCharacters = "\"'\\`",
            },
        });
    }

    public Secret JwtSigningKey { get; }

    public Secret OAuthKeySecret { get; }

    public Secret AdminPassword { get; }
}
