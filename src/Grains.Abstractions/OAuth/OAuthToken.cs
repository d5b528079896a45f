namespace UserManagement.Contracts.OAuth;

/// <summary>An issued code or token. Only a hash of a reference token's value is kept, as <see cref="ReferenceId"/>.</summary>
[GenerateSerializer]
public sealed class OAuthToken : OAuthEntity
{
    [Id(0)] public string? ApplicationId { get; set; }

    [Id(1)] public string? AuthorizationId { get; set; }

    [Id(2)] public DateTimeOffset? CreationDate { get; set; }

    [Id(3)] public DateTimeOffset? ExpirationDate { get; set; }

    /// <summary>The token itself, encrypted by the server's encryption key, for reference tokens (codes, refresh tokens).</summary>
    [Id(4)] public string? Payload { get; set; }

    [Id(5)] public DateTimeOffset? RedemptionDate { get; set; }

    [Id(6)] public string? ReferenceId { get; set; }

    [Id(7)] public string? Status { get; set; }

    [Id(8)] public string? Subject { get; set; }

    [Id(9)] public string? Type { get; set; }

    /// <summary>
    /// Expired tokens are kept a day longer, so a stolen code or refresh token presented just after its expiry is still
    /// recognised as used; past that it is refused as unknown, which is as safe.
    /// </summary>
    public override DateTimeOffset? ForgetAfter => ExpirationDate?.AddDays(1);
}
