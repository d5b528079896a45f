namespace UserManagement.ServiceDefaults.Orleans;

/// <summary>The silo's ports: section <c>Orleans:Endpoints</c>.</summary>
public sealed class EndpointSettings
{
    public const string SectionName = "Orleans:Endpoints";

    public int SiloPort { get; set; } = 11111;

    /// <summary>The port clients (gateway, ingest) connect to.</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>The address other silos and clients reach this silo at; by default this host's own address.</summary>
    public string? AdvertisedIPAddress { get; set; }

    /// <summary>Listen on every interface (inside a container) rather than loopback only.</summary>
    public bool ListenOnAnyHostAddress { get; set; }
}
