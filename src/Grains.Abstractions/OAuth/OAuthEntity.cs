namespace UserManagement.Contracts.OAuth;

/// <summary>
/// What every stored OAuth record has: an id and a concurrency token that changes with each write, so two gateways
/// that read the same record cannot both redeem it (a code or a refresh token is used once).
/// </summary>
[GenerateSerializer]
public abstract class OAuthEntity
{
    [Id(0)] public string? Id { get; set; }

    [Id(1)] public string? ConcurrencyToken { get; set; }

    /// <summary>Free-form properties OpenIddict attaches, as one JSON object.</summary>
    [Id(2)] public string? Properties { get; set; }

    /// <summary>When the record may be forgotten: it can no longer be used, nor tell of a reuse. Never when null.</summary>
    public abstract DateTimeOffset? ForgetAfter { get; }
}
