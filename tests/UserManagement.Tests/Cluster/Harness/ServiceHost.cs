using System.Globalization;
using UserManagement.Tests.Persistence;

namespace UserManagement.Tests.Cluster.Harness;

/// <summary>One of the service's own processes (silo, gateway, ingest), started from its build output as deployed.</summary>
public sealed class ServiceHost : IAsyncDisposable
{
    private readonly string _project;
    private readonly IReadOnlyDictionary<string, string> _environment;
    private ChildProcess _process;

    private ServiceHost(string name, string project, IReadOnlyDictionary<string, string> environment, int httpPort)
    {
        Name = name;
        _project = project;
        _environment = environment;
        HttpPort = httpPort;
        _process = Launch();
    }

    public string Name { get; }

    public int HttpPort { get; }

    public Uri Url => new($"http://127.0.0.1:{HttpPort.ToString(CultureInfo.InvariantCulture)}");

    public IReadOnlyList<string> Output => _process.Output;

    /// <summary>Starts <paramref name="project"/> (<c>Silo</c>, <c>Gateway</c>, <c>Ingest</c>) built in this test run's configuration.</summary>
    public static ServiceHost Start(string name, string project, IReadOnlyDictionary<string, string> environment) =>
        new(name, project, environment, LoopbackPorts.Free());

    public async Task WaitUntilReady(TimeSpan patience)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + patience;
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited: {string.Join('\n', _process.Output.TakeLast(40))}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri(Url, "/health/ready"));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{Name} was not ready in {patience}: {string.Join('\n', _process.Output.TakeLast(40))}");
            }

            await Task.Delay(200);
        }
    }

    public Task Kill() => _process.Kill();

    public Task Terminate() => _process.Terminate(TimeSpan.FromSeconds(30));

    /// <summary>Starts the same host again, with the same settings and ports, after it was killed or stopped.</summary>
    public async Task Restart()
    {
        await _process.DisposeAsync();
        _process = Launch();
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();

    private ChildProcess Launch()
    {
        var folder = Path.Combine(RepositoryRoot.Find(), "src", _project, "bin", BuildConfiguration, "net10.0");
        var assembly = Path.Combine(folder, $"UserManagement.{_project}.dll");
        if (!File.Exists(assembly))
        {
            throw new InvalidOperationException($"{assembly} is not built; build the solution in {BuildConfiguration} first.");
        }

        return ChildProcess.Start(Name, "dotnet", [assembly, "--contentRoot", folder, "--urls", Url.ToString()], _environment);
    }

    /// <summary>The configuration these tests were built in; the services were built in the same one.</summary>
    private static string BuildConfiguration =>
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
            ? "Release"
            : "Debug";
}
