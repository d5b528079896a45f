namespace UserManagement.ServiceDefaults.Orleans;

/// <summary>
/// Section <c>Orleans</c>: the cluster id separates deployments that must not join each other; the service id stays
/// the same across deployments, because stored grain state is keyed by it.
/// </summary>
public sealed class ClusterIdentity
{
    public const string SectionName = "Orleans";

    public string ClusterId { get; set; } = "local";

    public string ServiceId { get; set; } = "user-management";
}
