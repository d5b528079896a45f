using Microsoft.Extensions.Logging;

namespace UserManagement.AppHost;

/// <summary>Where to find everything, said once the API answers.</summary>
internal static partial class LocalRunSummary
{
    public static void Write(ILogger logger, LocalRunSettings settings, string dashboardUrl) =>
        Running(logger, settings.Ports.Api, dashboardUrl,
            settings.Topology == LocalRunTopology.CoHosted ? settings.Ports.Api : settings.Ports.Silo, settings.Ports.EventBridge, settings.AdministratorEmailAddress);

    [LoggerMessage(Level = LogLevel.Information, Message = """
        The service is running:
          API                 http://127.0.0.1:{ApiPort}   (POST /user, POST /login, GET /user/{{userId}}; reference at /scalar/v1)
          OAuth               http://127.0.0.1:{ApiPort}/.well-known/oauth-authorization-server   (register a client at /oauth/register)
          Aspire dashboard    {Dashboard}   (every process's traces, structured logs, metrics and console output)
          Orleans dashboard   http://127.0.0.1:{SiloPort}/dashboard/   (grain activations and call rates)
          EventBridge         http://127.0.0.1:{EventBridgePort}   (stand-in; the events it accepts are in its console and .data/events.jsonl)
          Administrator       {Administrator}   (password under Parameters in src/AppHost/appsettings.json)
        Press Ctrl+C to stop everything.
        """)]
    private static partial void Running(ILogger logger, int apiPort, string dashboard, int siloPort, int eventBridgePort, string administrator);
}
