namespace UserManagement.ServiceDefaults.Orleans;

/// <summary>How silos and clients find each other: section <c>Orleans:Clustering</c>.</summary>
public sealed class ClusteringOptions
{
    public const string SectionName = "Orleans:Clustering";

    /// <summary><c>Localhost</c> (one silo on this machine, no dependencies) or <c>Redis</c> (a membership table in Redis).</summary>
    public ClusteringProvider Provider { get; set; } = ClusteringProvider.Localhost;

    /// <summary>The Redis connection string when <see cref="Provider"/> is <c>Redis</c>.</summary>
    public string? RedisConnectionString { get; set; }
}
