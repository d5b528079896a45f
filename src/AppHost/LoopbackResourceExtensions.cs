using Aspire.Hosting.ApplicationModel;

namespace UserManagement.AppHost;

/// <summary>Endpoints and emulators of the local run, every one of them on 127.0.0.1 only.</summary>
internal static class LoopbackResourceExtensions
{
    public const string Loopback = "127.0.0.1";

    /// <summary>
    /// An HTTP endpoint a person reaches at <c>http://127.0.0.1:port</c>. The orchestrator's proxy listens there and
    /// forwards to the process, which listens on 127.0.0.1 too (Aspire's default host, <c>localhost</c>, would also
    /// take ::1). <paramref name="portVariable"/> names the variable that tells the process its own port.
    /// </summary>
    public static IResourceBuilder<T> WithLoopbackHttpEndpoint<T>(this IResourceBuilder<T> resource, int port, string? portVariable = null)
        where T : IResourceWithEndpoints =>
        resource
            .WithHttpEndpoint(port: port, env: portVariable)
            .WithEndpoint("http", endpoint => endpoint.TargetHost = Loopback);

    /// <summary>
    /// One of the AWS stand-ins in <c>emulators/</c>, run by Node.js with its packages from <c>npm ci</c>
    /// (<c>scripts/install-prerequisites.sh</c>), healthy once <paramref name="healthPath"/> answers 200.
    /// </summary>
    public static IResourceBuilder<ExecutableResource> AddEmulator(
        this IDistributedApplicationBuilder builder, string name, string emulators, int port, string healthPath, string? portVariable, params string[] args)
    {
        if (!Directory.Exists(Path.Combine(emulators, "node_modules")))
        {
            throw new InvalidOperationException(
                $"The emulators' npm packages are missing from {emulators}; run scripts/install-prerequisites.sh (./run-local.sh does).");
        }

        return builder.AddExecutable(name, "node", emulators, args)
            .WithLoopbackHttpEndpoint(port, portVariable)
            .WithHttpHealthCheck(healthPath);
    }
}
