using System.ComponentModel.DataAnnotations;
using System.Text;

namespace UserManagement.Gateway.Authentication;

/// <summary>Section <c>Jwt</c>: the HS256 tokens the shop's other services verify with the same shared secret.</summary>
public sealed class JwtOptions : IValidatableObject
{
    public const string SectionName = "Jwt";

    /// <summary>HS256 needs a key at least as long as its output: 256 bits.</summary>
    public const int MinimumSecretBytes = 32;

    public string? Secret { get; set; }

    [Required]
    public string Issuer { get; set; } = "user-management";

    [Required]
    public string Audience { get; set; } = "shop";

    [Range(60, 30 * 86_400)]
    public int LifetimeSeconds { get; set; } = 86_400;

    /// <summary>Tolerance for clocks that disagree, when checking <c>exp</c> and <c>nbf</c>.</summary>
    [Range(0, 300)]
    public int ClockSkewSeconds { get; set; } = 30;

    public byte[] SecretBytes() => Encoding.UTF8.GetBytes(Secret ?? string.Empty);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrEmpty(Secret) || Encoding.UTF8.GetByteCount(Secret) < MinimumSecretBytes)
        {
            yield return new ValidationResult(
                $"Jwt:Secret must be configured with at least {MinimumSecretBytes} bytes (256 bits).", [nameof(Secret)]);
        }
    }
}
