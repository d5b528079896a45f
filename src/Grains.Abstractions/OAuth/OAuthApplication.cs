namespace UserManagement.Contracts.OAuth;

/// <summary>A registered client. Its id is its <c>client_id</c>, so both look-ups reach one grain.</summary>
[GenerateSerializer]
public sealed class OAuthApplication : OAuthEntity
{
    [Id(0)] public string? ClientId { get; set; }

    /// <summary>The secret as OpenIddict hashes it (PBKDF2 with a salt); the secret itself is never stored.</summary>
    [Id(1)] public string? ClientSecret { get; set; }

    [Id(2)] public string? ClientType { get; set; }

    [Id(3)] public string? ApplicationType { get; set; }

    [Id(4)] public string? ConsentType { get; set; }

    [Id(5)] public string? DisplayName { get; set; }

    [Id(6)] public Dictionary<string, string> DisplayNames { get; set; } = [];

    [Id(7)] public List<string> RedirectUris { get; set; } = [];

    [Id(8)] public List<string> PostLogoutRedirectUris { get; set; } = [];

    [Id(9)] public List<string> Permissions { get; set; } = [];

    [Id(10)] public List<string> Requirements { get; set; } = [];

    [Id(11)] public Dictionary<string, string> Settings { get; set; } = [];

    [Id(12)] public string? JsonWebKeySet { get; set; }

    public override DateTimeOffset? ForgetAfter => null;
}
