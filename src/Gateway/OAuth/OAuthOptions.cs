using System.ComponentModel.DataAnnotations;

namespace UserManagement.Gateway.OAuth;

/// <summary>
/// Section <c>OAuth</c>: the authorization server. Its keys come from configuration everywhere but in Development and
/// Testing, so every gateway node encrypts and signs with the same ones and a code issued by one is redeemed by another.
/// </summary>
public sealed class OAuthOptions : IValidatableObject
{
    public const string SectionName = "OAuth";

    /// <summary>The service's public base URL, e.g. <c>https://users.example.com</c>: the metadata's <c>issuer</c> and the <c>iss</c> of OAuth access tokens.</summary>
    [Required]
    public Uri? Issuer { get; set; }

    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromHours(1);

    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(14);

    public TimeSpan AuthorizationCodeLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a signed-in user has to answer the consent page.</summary>
    public TimeSpan SignInLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// A secret of at least 32 bytes (64 random letters and digits, say), the same on every gateway. The AES-256 key
    /// that encrypts codes and refresh tokens is derived from it, and, unless <see cref="IdentityTokenSigningKeyPem"/>
    /// is set, the P-256 key that signs identity tokens. Required outside Development and Testing.
    /// </summary>
    public string? KeySecret { get; set; }

    /// <summary>Optional: a PEM RSA (2048 bits or more) or P-256 private key to sign identity tokens with instead, published at <c>/oauth/jwks</c>.</summary>
    public string? IdentityTokenSigningKeyPem { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Issuer is not { IsAbsoluteUri: true } issuer || (issuer.Scheme != Uri.UriSchemeHttps && issuer.Scheme != Uri.UriSchemeHttp)
            || !string.IsNullOrEmpty(issuer.Query) || !string.IsNullOrEmpty(issuer.Fragment))
        {
            yield return new ValidationResult("OAuth:Issuer must be the service's absolute http(s) base URL, without query or fragment.", [nameof(Issuer)]);
        }

        if (AccessTokenLifetime < TimeSpan.FromMinutes(1) || AccessTokenLifetime > TimeSpan.FromDays(1))
        {
            yield return new ValidationResult("OAuth:AccessTokenLifetime must be between 00:01:00 and 1.00:00:00.", [nameof(AccessTokenLifetime)]);
        }

        if (RefreshTokenLifetime < AccessTokenLifetime || RefreshTokenLifetime > TimeSpan.FromDays(90))
        {
            yield return new ValidationResult("OAuth:RefreshTokenLifetime must be at least the access token's and at most 90 days.", [nameof(RefreshTokenLifetime)]);
        }

        if (AuthorizationCodeLifetime < TimeSpan.FromSeconds(10) || AuthorizationCodeLifetime > TimeSpan.FromMinutes(10))
        {
            yield return new ValidationResult("OAuth:AuthorizationCodeLifetime must be between 00:00:10 and 00:10:00.", [nameof(AuthorizationCodeLifetime)]);
        }

        if (SignInLifetime < TimeSpan.FromMinutes(1) || SignInLifetime > TimeSpan.FromHours(1))
        {
            yield return new ValidationResult("OAuth:SignInLifetime must be between 00:01:00 and 01:00:00.", [nameof(SignInLifetime)]);
        }

        if (!string.IsNullOrEmpty(KeySecret) && System.Text.Encoding.UTF8.GetByteCount(KeySecret) < 32)
        {
            yield return new ValidationResult("OAuth:KeySecret must have at least 32 bytes.", [nameof(KeySecret)]);
        }
    }
}
