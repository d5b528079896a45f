using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace UserManagement.Testing;

/// <summary>
/// A process started for a test or a benchmark: its output kept (in memory, or in a log file for long runs), stopped
/// gracefully (SIGTERM) or killed (SIGKILL) with its children, never left behind. Its standard input stays open until
/// it is disposed, so a launcher that exits when its input closes goes with the process that started it.
/// </summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly TextWriter? _log;

    private ChildProcess(string name, Process process, string? logPath)
    {
        Name = name;
        _process = process;
        LogPath = logPath;
        _log = logPath is null ? null : TextWriter.Synchronized(new StreamWriter(logPath) { AutoFlush = true });
        _process.OutputDataReceived += (_, line) => Keep(line.Data);
        _process.ErrorDataReceived += (_, line) => Keep(line.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Name { get; }

    public bool HasExited => _process.HasExited;

    public int ProcessId => _process.Id;

    /// <summary>The file its output goes to, when started with one.</summary>
    public string? LogPath { get; }

    /// <summary>Its output so far (standard output and error, in order of arrival); with a log file, its first lines only.</summary>
    public IReadOnlyList<string> Output => [.. _output];

    /// <summary>Where to look when it failed: the last lines of its output, or its log file.</summary>
    public string Diagnostics => LogPath is null ? string.Join('\n', _output.TakeLast(40)) : $"see {LogPath}";

    /// <param name="logToFile">Output to a log file in the temporary folder rather than memory: for long, talkative runs.</param>
    public static ChildProcess Start(
        string name, string fileName, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment, bool logToFile = false)
    {
        var start = new ProcessStartInfo(fileName, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"{fileName} could not be started.");
        var logPath = logToFile ? Path.Combine(Path.GetTempPath(), $"user-management-{name}-{process.Id}.log") : null;
        return new ChildProcess(name, process, logPath);
    }

    /// <summary>Waits for the first line of output that <paramref name="matches"/>, and answers it.</summary>
    public async Task<string> WaitForLine(Func<string, bool> matches, TimeSpan patience)
    {
        var deadline = DateTime.UtcNow + patience;
        while (DateTime.UtcNow < deadline)
        {
            if (_output.FirstOrDefault(matches) is { } line)
            {
                return line;
            }

            if (_process.HasExited)
            {
                break;
            }

            await Task.Delay(50);
        }

        throw new InvalidOperationException($"{Name} did not say it was ready: {Diagnostics}");
    }

    /// <summary>SIGKILL: the process gets no chance to leave a cluster or finish anything.</summary>
    public async Task Kill()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    /// <summary>SIGTERM, as an orchestrator stops a task, then waits for the process to finish by itself.</summary>
    public async Task Terminate(TimeSpan patience)
    {
        if (_process.HasExited)
        {
            return;
        }

        using (var signal = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await signal.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(patience);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            await Kill();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await Kill();
        }

        _process.Dispose();
        _log?.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        if (_log is null)
        {
            _output.Enqueue(line);
        }
        else
        {
            _log.WriteLine(line);

            // The first lines say how a launcher started; they are kept for WaitForLine.
            if (_output.Count < 20)
            {
                _output.Enqueue(line);
            }
        }
    }
}
