namespace UserManagement.Gateway.Authentication;

/// <summary>One entry of <c>Jwt:SigningKeys</c>: an HS256 secret or an ES256 (P-256) private key, named by its <c>kid</c>.</summary>
public sealed class SigningKeyOptions
{
    public string KeyId { get; set; } = "";

    /// <summary>An HS256 shared secret of at least 32 bytes.</summary>
    public string? Secret { get; set; }

    /// <summary>An ES256 private key (PEM, P-256); its public half is published at <c>/.well-known/jwks.json</c>.</summary>
    public string? PrivateKeyPem { get; set; }
}
