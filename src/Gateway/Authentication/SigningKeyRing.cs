using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace UserManagement.Gateway.Authentication;

/// <summary>The configured signing keys: the one new tokens are signed with, and every one a token may be verified with.</summary>
public sealed class SigningKeyRing : IDisposable
{
    private readonly List<ECDsa> _ecdsaKeys = [];

    public SigningKeyRing(IOptions<JwtOptions> options)
    {
        var jwt = options.Value;
        if (jwt.SigningKeys.Count == 0)
        {
            // The shared secret alone, as the shop's services know it: tokens carry no kid.
            var key = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(jwt.Secret!));
            Keys = [key];
            Current = new SigningCredentials(key, SecurityAlgorithms.HmacSha256);
            return;
        }

        Keys = jwt.SigningKeys.Select(CreateKey).ToList();
        var current = Keys.Single(k => k.KeyId == (jwt.CurrentKeyId ?? jwt.SigningKeys[0].KeyId));
        Current = new SigningCredentials(current, AlgorithmOf(current));
    }

    public SigningCredentials Current { get; }

    public IReadOnlyList<SecurityKey> Keys { get; }

    public IEnumerable<string> Algorithms => Keys.Select(AlgorithmOf).Distinct();

    /// <summary>A token naming a <c>kid</c> is checked against that key only; one naming none, against the shared secrets.</summary>
    public IEnumerable<SecurityKey> Resolve(string? keyId) => string.IsNullOrEmpty(keyId)
        ? Keys.Where(k => k is SymmetricSecurityKey)
        : Keys.Where(k => k.KeyId == keyId);

    /// <summary>The public halves of the ES256 keys, as a JSON Web Key Set.</summary>
    public PublicKeySet PublicKeys() => new(Keys.OfType<ECDsaSecurityKey>().Select(key =>
    {
        var parameters = key.ECDsa.ExportParameters(includePrivateParameters: false);
        return new PublicKey(
            JsonWebAlgorithmsKeyTypes.EllipticCurve,
            JsonWebKeyECTypes.P256,
            Base64UrlEncoder.Encode(parameters.Q.X),
            Base64UrlEncoder.Encode(parameters.Q.Y),
            key.KeyId,
            JsonWebKeyUseNames.Sig,
            SecurityAlgorithms.EcdsaSha256);
    }).ToList());

    public void Dispose()
    {
        foreach (var ecdsa in _ecdsaKeys)
        {
            ecdsa.Dispose();
        }
    }

    private SecurityKey CreateKey(SigningKeyOptions options)
    {
        if (options.Secret is not null)
        {
            return new SymmetricSecurityKey(Encoding.UTF8.GetBytes(options.Secret)) { KeyId = options.KeyId };
        }

        var ecdsa = ECDsa.Create();
        _ecdsaKeys.Add(ecdsa);
        ecdsa.ImportFromPem(options.PrivateKeyPem);
        if (ecdsa.KeySize != 256)
        {
            throw new InvalidOperationException($"Signing key '{options.KeyId}' must be a P-256 key for ES256.");
        }

        return new ECDsaSecurityKey(ecdsa) { KeyId = options.KeyId };
    }

    private static string AlgorithmOf(SecurityKey key) =>
        key is ECDsaSecurityKey ? SecurityAlgorithms.EcdsaSha256 : SecurityAlgorithms.HmacSha256;
}
