using System.Diagnostics;

namespace UserManagement.Bench.Hosting;

/// <summary>
/// A process the bench started, its output kept in a log file (read when it fails to start), stopped with its
/// children when disposed.
/// </summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Task _copying;

    private ChildProcess(string name, Process process, string logPath)
    {
        Name = name;
        _process = process;
        LogPath = logPath;
        var log = TextWriter.Synchronized(new StreamWriter(logPath) { AutoFlush = true });
        _copying = Task.WhenAll(Copy(process.StandardOutput, log), Copy(process.StandardError, log))
            .ContinueWith(_ => log.Dispose(), TaskScheduler.Default);
    }

    public string Name { get; }

    public string LogPath { get; }

    public bool HasExited => _process.HasExited;

    public int ProcessId => _process.Id;

    public static ChildProcess Start(string name, string fileName, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(fileName, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"{fileName} could not be started.");
        var logPath = Path.Combine(Path.GetTempPath(), $"user-management-bench-{name}-{process.Id}.log");
        return new ChildProcess(name, process, logPath);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        await _copying;
        _process.Dispose();
    }

    private static async Task Copy(StreamReader from, TextWriter to)
    {
        while (await from.ReadLineAsync() is { } line)
        {
            await to.WriteLineAsync(line);
        }
    }
}
