namespace UserManagement.ServiceDefaults.Orleans;

/// <summary>How silos and clients find each other: section <c>Orleans:Membership</c> (Orleans itself reads <c>Orleans:Clustering</c>).</summary>
public sealed class MembershipOptions
{
    public const string SectionName = "Orleans:Membership";

    /// <summary><c>Localhost</c> (one silo on this machine, no dependencies) or <c>Redis</c> (a membership table in Redis).</summary>
    public MembershipProvider Provider { get; set; } = MembershipProvider.Localhost;

    /// <summary>The Redis connection string when <see cref="Provider"/> is <c>Redis</c>.</summary>
    public string? RedisConnectionString { get; set; }

    public string RedisConnectionStringOrThrow() => string.IsNullOrWhiteSpace(RedisConnectionString)
        ? throw new InvalidOperationException("Orleans:Membership:RedisConnectionString is required when the membership provider is Redis.")
        : RedisConnectionString;
}
