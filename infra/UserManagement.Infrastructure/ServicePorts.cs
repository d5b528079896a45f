namespace UserManagement.Infrastructure;

public static class ServicePorts
{
    /// <summary>HTTP port of every container (API on the gateway, health endpoints everywhere).</summary>
    public const int Http = 8080;

    /// <summary>Orleans silo-to-silo port.</summary>
    public const int SiloToSilo = 11111;

    /// <summary>Orleans gateway port that clients (gateway and ingest) connect to.</summary>
    public const int SiloGateway = 30000;

    public const int Redis = 6379;
}
