using System.Globalization;

namespace UserManagement.Testing;

/// <summary>One of the service's own processes (silo, gateway, ingest), started from its build output as deployed.</summary>
public sealed class ServiceHost : IAsyncDisposable
{
    private readonly string _project;
    private readonly IReadOnlyDictionary<string, string> _environment;
    private readonly bool _logToFile;
    private ChildProcess _process;

    private ServiceHost(string name, string project, IReadOnlyDictionary<string, string> environment, int httpPort, bool logToFile)
    {
        Name = name;
        _project = project;
        _environment = environment;
        _logToFile = logToFile;
        HttpPort = httpPort;
        _process = Start();
    }

    public string Name { get; }

    public int HttpPort { get; }

    public Uri Url => new($"http://127.0.0.1:{HttpPort.ToString(CultureInfo.InvariantCulture)}");

    public IReadOnlyList<string> Output => _process.Output;

    public int ProcessId => _process.ProcessId;

    /// <summary>
    /// Starts <paramref name="project"/> (<c>Silo</c>, <c>Gateway</c>, <c>Ingest</c>), built in the configuration the
    /// caller was built in, with its own folder as content root (so its appsettings.json applies), and waits until its
    /// <c>/health/ready</c> answers.
    /// </summary>
    public static async Task<ServiceHost> Launch(
        string name, string project, IReadOnlyDictionary<string, string> environment, TimeSpan patience,
        int? httpPort = null, bool logToFile = false, CancellationToken cancellationToken = default)
    {
        var host = new ServiceHost(name, project, environment, httpPort ?? LoopbackPorts.Free(), logToFile);
        try
        {
            await host.WaitUntilReady(patience, cancellationToken);
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    public async Task WaitUntilReady(TimeSpan patience, CancellationToken cancellationToken = default)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + patience;
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited: {_process.Diagnostics}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri(Url, "/health/ready"), cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{Name} was not ready in {patience}: {_process.Diagnostics}");
            }

            await Task.Delay(200, cancellationToken);
        }
    }

    public Task Kill() => _process.Kill();

    public Task Terminate() => _process.Terminate(TimeSpan.FromSeconds(30));

    /// <summary>Starts the same host again, with the same settings and ports, after it was killed or stopped.</summary>
    public async Task Restart()
    {
        await _process.DisposeAsync();
        _process = Start();
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();

    private ChildProcess Start()
    {
        var folder = RepositoryRoot.Below("src", _project, "bin", BuildConfiguration, "net10.0");
        var assembly = Path.Combine(folder, $"UserManagement.{_project}.dll");
        if (!File.Exists(assembly))
        {
            throw new InvalidOperationException($"{assembly} is not built; build the solution in {BuildConfiguration} first.");
        }

        return ChildProcess.Start(Name, "dotnet", [assembly, "--contentRoot", folder, "--urls", Url.ToString()], _environment, _logToFile);
    }

    /// <summary>The configuration the caller was built in; the services were built in the same one.</summary>
    private static string BuildConfiguration =>
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
            ? "Release"
            : "Debug";
}
