using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Server;
using UserManagement.Gateway.Authentication;

namespace UserManagement.Gateway.OAuth;

/// <summary>
/// The keys of the authorization server. Access tokens are signed with the key <c>/login</c> signs with (OpenIddict
/// signs access tokens with its first signing credential, and puts a symmetric key first), so the shop's services
/// verify both alike. Codes and refresh tokens are encrypted with an AES-256 key derived from
/// <see cref="OAuthOptions.KeySecret"/>; identity tokens, which must be signed asymmetrically, with
/// <see cref="OAuthOptions.IdentityTokenSigningKeyPem"/>, else a P-256 key derived from the same secret (or the ES256
/// key of <c>Jwt:SigningKeys</c> when that is the current one). One secret, generated at deployment, thus gives every
/// gateway the same keys. Without it, Development and Testing make keys at start-up (lost at restart); any other
/// environment refuses to start (see <see cref="OAuthServer"/>).
/// </summary>
public sealed class OAuthKeys(SigningKeyRing signingKeys, IOptions<OAuthOptions> options, IHostEnvironment environment)
    : IConfigureOptions<OpenIddictServerOptions>
{
    public void Configure(OpenIddictServerOptions server)
    {
        var oauth = options.Value;
        var ephemeralAllowed = MayMakeOwnKeys(environment);
        server.SigningCredentials.Add(signingKeys.Current);

        var secret = oauth.KeySecret is { Length: > 0 } configured ? Encoding.UTF8.GetBytes(configured) : null;
        var encryptionKey = secret is not null
            ? Derive(secret, "oauth-encryption", 32)
            : ephemeralAllowed
                ? RandomNumberGenerator.GetBytes(32)
                : throw new InvalidOperationException("OAuth:KeySecret is required outside Development and Testing, so every gateway decrypts what another issued.");
        server.EncryptionCredentials.Add(new EncryptingCredentials(
            new SymmetricSecurityKey(encryptionKey), SecurityAlgorithms.Aes256KW, SecurityAlgorithms.Aes256CbcHmacSha512));

        if (signingKeys.Current.Key is AsymmetricSecurityKey)
        {
            // One asymmetric key only: OpenIddict does not order two of them, and access tokens must get the shop's.
            return;
        }

        var identityKey = oauth.IdentityTokenSigningKeyPem is { Length: > 0 } pem
            ? ImportPrivateKey(pem)
            : secret is not null
                ? DerivedSigningKey(secret)
                : ephemeralAllowed
                    ? new SigningCredentials(new RsaSecurityKey(RSA.Create(2048)), SecurityAlgorithms.RsaSha256)
                    : throw new InvalidOperationException("OAuth:KeySecret is required outside Development and Testing.");
        server.SigningCredentials.Add(identityKey);
    }

    /// <summary>Separate keys from one secret (HKDF-SHA256, RFC 5869), each bound to its purpose by its label.</summary>
    private static byte[] Derive(byte[] secret, string purpose, int length) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, secret, length, salt: Encoding.UTF8.GetBytes("user-management"), info: Encoding.UTF8.GetBytes(purpose));

    /// <summary>A P-256 key whose private scalar is derived from the secret; the public point follows from it.</summary>
    private static SigningCredentials DerivedSigningKey(byte[] secret)
    {
        // A 256-bit value with the top bit cleared is below the curve's order, so it is a valid private scalar
        // (zero has a chance of 2^-255); the key id comes from the public point, the same on every gateway.
        var scalar = Derive(secret, "oauth-identity-token-signing", 32);
        scalar[0] &= 0x7F;
        var ecdsa = ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, D = scalar });
        return new SigningCredentials(new ECDsaSecurityKey(ecdsa), SecurityAlgorithms.EcdsaSha256);
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
