using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Server;
using UserManagement.Gateway.Authentication;

namespace UserManagement.Gateway.OAuth;

/// <summary>
/// The keys of the authorization server. Access tokens are signed with the key <c>/login</c> signs with (OpenIddict
/// signs access tokens with its first signing credential, and puts a symmetric key first), so the shop's services
/// verify both alike. Codes and refresh tokens are encrypted with <see cref="OAuthOptions.EncryptionKey"/>; identity
/// tokens, which must be signed asymmetrically, with <see cref="OAuthOptions.IdentityTokenSigningKeyPem"/> (or with
/// the ES256 key of <c>Jwt:SigningKeys</c> when that is the current one). Without those settings, Development and
/// Testing use keys made at start-up (lost at restart); any other environment refuses to start.
/// </summary>
public sealed class OAuthKeys(SigningKeyRing signingKeys, IOptions<OAuthOptions> options, IHostEnvironment environment)
    : IConfigureOptions<OpenIddictServerOptions>
{
    public void Configure(OpenIddictServerOptions server)
    {
        var oauth = options.Value;
        var ephemeralAllowed = MayMakeOwnKeys(environment);
        server.SigningCredentials.Add(signingKeys.Current);

        var encryptionKey = oauth.EncryptionKey is { Length: > 0 } configured
            ? Convert.FromBase64String(configured)
            : ephemeralAllowed
                ? RandomNumberGenerator.GetBytes(32)
                : throw new InvalidOperationException("OAuth:EncryptionKey is required outside Development and Testing, so every gateway decrypts what another issued.");
        server.EncryptionCredentials.Add(new EncryptingCredentials(
            new SymmetricSecurityKey(encryptionKey), SecurityAlgorithms.Aes256KW, SecurityAlgorithms.Aes256CbcHmacSha512));

        if (signingKeys.Current.Key is AsymmetricSecurityKey)
        {
            // One asymmetric key only: OpenIddict does not order two of them, and access tokens must get the shop's.
            return;
        }

        var identityKey = oauth.IdentityTokenSigningKeyPem is { Length: > 0 } pem
            ? ImportPrivateKey(pem)
            : ephemeralAllowed
                ? new SigningCredentials(new RsaSecurityKey(RSA.Create(2048)), SecurityAlgorithms.RsaSha256)
                : throw new InvalidOperationException("OAuth:IdentityTokenSigningKeyPem is required outside Development and Testing.");
        server.SigningCredentials.Add(identityKey);
    }

    /// <summary>Only a single local process may make keys that die with it: Development and Testing.</summary>
    public static bool MayMakeOwnKeys(IHostEnvironment environment) => environment.IsDevelopment() || environment.IsEnvironment("Testing");

    private static SigningCredentials ImportPrivateKey(string pem)
    {
        // The key objects live as long as the server's options: the process.
        var rsa = RSA.Create();
        try
        {
            rsa.ImportFromPem(pem);
            if (rsa.KeySize < 2048)
            {
                throw new InvalidOperationException("OAuth:IdentityTokenSigningKeyPem must be an RSA key of at least 2048 bits, or a P-256 key.");
            }

            return new SigningCredentials(new RsaSecurityKey(rsa), SecurityAlgorithms.RsaSha256);
        }
        catch (Exception exception) when (exception is CryptographicException or ArgumentException)
        {
            rsa.Dispose();
        }

        var ecdsa = ECDsa.Create();
        ecdsa.ImportFromPem(pem);
        if (ecdsa.KeySize != 256)
        {
            throw new InvalidOperationException("OAuth:IdentityTokenSigningKeyPem must be an RSA key of at least 2048 bits, or a P-256 key.");
        }

        return new SigningCredentials(new ECDsaSecurityKey(ecdsa), SecurityAlgorithms.EcdsaSha256);
    }
}
