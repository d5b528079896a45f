namespace UserManagement.Contracts.OAuth;

/// <summary>
/// A grant of scopes by a user to a client: ad hoc (one per sign-in, the family of the tokens issued from it) or
/// permanent (the remembered consent).
/// </summary>
[GenerateSerializer]
public sealed class OAuthAuthorization : OAuthEntity
{
    [Id(0)] public string? ApplicationId { get; set; }

    [Id(1)] public DateTimeOffset? CreationDate { get; set; }

    [Id(2)] public List<string> Scopes { get; set; } = [];

    [Id(3)] public string? Status { get; set; }

    [Id(4)] public string? Subject { get; set; }

    [Id(5)] public string? Type { get; set; }

    /// <summary>For an ad-hoc authorization, when its last token expires; set by the grain as tokens are added.</summary>
    [Id(6)] public DateTimeOffset? LastTokenExpiresAt { get; set; }

    public override DateTimeOffset? ForgetAfter => Type == "ad-hoc" ? LastTokenExpiresAt : null;
}
