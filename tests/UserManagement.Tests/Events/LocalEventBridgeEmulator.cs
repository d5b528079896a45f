using System.Diagnostics;
using System.Text.RegularExpressions;

namespace UserManagement.Tests.Events;

/// <summary>
/// The local run's EventBridge stand-in, <c>emulators/eventbridge.mjs</c>, on a free port of 127.0.0.1, writing the
/// entries it accepts to a file of its own.
/// </summary>
public sealed partial class LocalEventBridgeEmulator : IAsyncDisposable
{
    private readonly Process _node;

    private LocalEventBridgeEmulator(Process node, Uri url, string eventsFile)
    {
        _node = node;
        Url = url;
        EventsFile = eventsFile;
    }

    public Uri Url { get; }

    /// <summary>One JSON line for each entry accepted.</summary>
    public string EventsFile { get; }

    /// <param name="mode">How it answers: <c>accept</c>, <c>hang</c>, <c>fail</c>, <c>throttle</c> or <c>deny</c>.</param>
    public static async Task<LocalEventBridgeEmulator> Start(string mode = "accept")
    {
        var eventsFile = Path.Combine(Path.GetTempPath(), $"eventbridge-{Guid.NewGuid():N}.jsonl");
        var start = new ProcessStartInfo("node")
        {
            ArgumentList = { Path.Combine(RepositoryRoot(), "emulators", "eventbridge.mjs"), "--port", "0", "--out", eventsFile, "--mode", mode },
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        var node = Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
        node.OutputDataReceived += (_, _) => { };
        node.BeginOutputReadLine();

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (await node.StandardError.ReadLineAsync(timeout.Token) is { } line)
        {
            if (ListeningLine().Match(line) is { Success: true } listening)
            {
                return new LocalEventBridgeEmulator(node, new Uri(listening.Groups["url"].Value), eventsFile);
            }
        }

        throw new InvalidOperationException($"The EventBridge stand-in exited with {node.ExitCode} before listening.");
    }

    /// <summary>Changes how it answers from now on, as a person trying the local run would.</summary>
    public async Task SetMode(string mode)
    {
        using var http = new HttpClient();
        using var response = await http.PostAsync(new Uri(Url, "/_stand-in/mode"), new StringContent(mode));
        response.EnsureSuccessStatusCode();
    }

    public async ValueTask DisposeAsync()
    {
        _node.Kill();
        await _node.WaitForExitAsync();
        _node.Dispose();
        File.Delete(EventsFile);
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "emulators", "eventbridge.mjs")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("No emulators/eventbridge.mjs above the test's folder.");
    }

    [GeneratedRegex(@"listening on (?<url>http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningLine();
}
