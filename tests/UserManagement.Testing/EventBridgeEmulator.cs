using System.Text.RegularExpressions;

namespace UserManagement.Testing;

/// <summary>
/// The local run's EventBridge stand-in, <c>emulators/eventbridge.mjs</c>, on a free port of 127.0.0.1, writing the
/// entries it accepts to a file of its own.
/// </summary>
public sealed partial class EventBridgeEmulator : IAsyncDisposable
{
    private readonly ChildProcess _node;

    private EventBridgeEmulator(ChildProcess node, Uri url, string eventsFile)
    {
        _node = node;
        Url = url;
        EventsFile = eventsFile;
    }

    public Uri Url { get; }

    public int ProcessId => _node.ProcessId;

    /// <summary>One JSON line for each entry accepted.</summary>
    public string EventsFile { get; }

    /// <param name="mode">How it answers: <c>accept</c>, <c>hang</c>, <c>fail</c>, <c>throttle</c> or <c>deny</c>.</param>
    public static async Task<EventBridgeEmulator> Start(string mode = "accept")
    {
        var eventsFile = Path.Combine(Path.GetTempPath(), $"eventbridge-{Guid.NewGuid():N}.jsonl");
        var node = ChildProcess.Start(
            "eventbridge",
            "node",
            [RepositoryRoot.Below("emulators", "eventbridge.mjs"), "--port", "0", "--out", eventsFile, "--mode", mode],
            new Dictionary<string, string>());
        try
        {
            var listening = ListeningLine().Match(await node.WaitForLine(line => ListeningLine().IsMatch(line), TimeSpan.FromSeconds(30)));
            return new EventBridgeEmulator(node, new Uri(listening.Groups["url"].Value), eventsFile);
        }
        catch
        {
            await node.DisposeAsync();
            throw;
        }
    }

    /// <summary>Changes how it answers from now on, as a person trying the local run would.</summary>
    public async Task SetMode(string mode)
    {
        using var http = new HttpClient();
        using var content = new StringContent(mode);
        using var response = await http.PostAsync(new Uri(Url, "/_stand-in/mode"), content);
        response.EnsureSuccessStatusCode();
    }

    public async ValueTask DisposeAsync()
    {
        await _node.DisposeAsync();
        File.Delete(EventsFile);
    }

    [GeneratedRegex(@"listening on (?<url>http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningLine();
}
