namespace UserManagement.ServiceDefaults.Orleans;

/// <summary>
/// Section <c>Orleans:Client</c>. Orleans's defaults (30 s to give up on a call, a minute to learn of new gateways)
/// are too slow for an API: a call to a dead silo should fail, and be retried, within seconds.
/// </summary>
public sealed class ClientTimeouts
{
    public const string SectionName = "Orleans:Client";

    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan GatewayListRefreshPeriod { get; set; } = TimeSpan.FromSeconds(5);
}
