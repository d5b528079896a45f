using System.ComponentModel.DataAnnotations;
using System.Text;

namespace UserManagement.Gateway.Authentication;

/// <summary>
/// Section <c>Jwt</c>. Either <see cref="Secret"/>, one HS256 key as the shop's services share it, or
/// <see cref="SigningKeys"/>, several keys each named by a <c>kid</c>: tokens are signed with
/// <see cref="CurrentKeyId"/> and verified with any listed key, so a key can be retired without cutting sessions.
/// </summary>
public sealed class JwtOptions : IValidatableObject
{
    public const string SectionName = "Jwt";

    /// <summary>HS256 needs a key at least as long as its output: 256 bits.</summary>
    public const int MinimumSecretBytes = 32;

    public string? Secret { get; set; }

    public List<SigningKeyOptions> SigningKeys { get; set; } = [];

    /// <summary>The key new tokens are signed with; the first listed one when not set.</summary>
    public string? CurrentKeyId { get; set; }

    [Required]
    public string Issuer { get; set; } = "user-management";

    [Required]
    public string Audience { get; set; } = "shop";

    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Tolerance for clocks that disagree, when checking <c>exp</c> and <c>nbf</c>.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The longest a token is accepted for, from its <c>iat</c> and from now, however validly signed; the issuing
    /// lifetime when not set.
    /// </summary>
    public TimeSpan? MaxAcceptedLifetime { get; set; }

    /// <summary>
    /// How many validated tokens are remembered, each until it expires, so a token presented again is not verified
    /// again (0: every request verifies its token).
    /// </summary>
    [Range(0, 1_000_000)]
    public int ValidatedTokenCacheSize { get; set; } = 10_000;

    public TimeSpan EffectiveMaxAcceptedLifetime => MaxAcceptedLifetime ?? Lifetime;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (EffectiveMaxAcceptedLifetime < Lifetime)
        {
            yield return new ValidationResult(
                "Jwt:MaxAcceptedLifetime must be at least Jwt:Lifetime, or the gateway refuses its own tokens.",
                [nameof(MaxAcceptedLifetime)]);
        }

        if (SigningKeys.Count == 0)
        {
            if (!IsStrongSecret(Secret))
            {
                yield return Invalid($"Jwt:Secret must be configured with at least {MinimumSecretBytes} bytes (256 bits), or Jwt:SigningKeys listed.");
            }

            yield break;
        }

        foreach (var key in SigningKeys)
        {
            if (string.IsNullOrWhiteSpace(key.KeyId))
            {
                yield return Invalid("Every entry of Jwt:SigningKeys needs a KeyId.");
            }
            else if ((key.Secret is null) == (key.PrivateKeyPem is null))
            {
                yield return Invalid($"Signing key '{key.KeyId}' needs exactly one of Secret (HS256) or PrivateKeyPem (ES256).");
            }
            else if (key.Secret is not null && !IsStrongSecret(key.Secret))
            {
                yield return Invalid($"The secret of signing key '{key.KeyId}' must have at least {MinimumSecretBytes} bytes.");
            }
        }

        if (SigningKeys.GroupBy(k => k.KeyId, StringComparer.Ordinal).Any(g => g.Count() > 1))
        {
            yield return Invalid("Jwt:SigningKeys has a KeyId twice.");
        }

        if (CurrentKeyId is not null && SigningKeys.All(k => k.KeyId != CurrentKeyId))
        {
            yield return Invalid("Jwt:CurrentKeyId names no key of Jwt:SigningKeys.");
        }
    }

    private static bool IsStrongSecret(string? secret) =>
        !string.IsNullOrEmpty(secret) && Encoding.UTF8.GetByteCount(secret) >= MinimumSecretBytes;

    private static ValidationResult Invalid(string message) => new(message, [nameof(SigningKeys)]);
}
