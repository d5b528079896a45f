using UserManagement.Contracts.OAuth;

namespace UserManagement.Grains.OAuth;

/// <summary>The stored item of one OAuth record; an authorization also lists the tokens issued under it.</summary>
[GenerateSerializer]
public sealed class OAuthEntityState<TEntity>
    where TEntity : OAuthEntity
{
    [Id(0)] public TEntity? Entity { get; set; }

    [Id(1)] public List<IssuedToken> Tokens { get; set; } = [];
}

[GenerateSerializer]
public sealed record IssuedToken([property: Id(0)] string TokenId, [property: Id(1)] DateTimeOffset? ExpiresAt);
