using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace UserManagement.Testing;

/// <summary>
/// The EventBridge stand-in, <c>emulators/eventbridge.mjs</c> (the one the local run uses), on a free port of
/// 127.0.0.1, writing the entries it accepts to a file of its own and keeping every request it receives. It accepts
/// every well-formed entry unless told to answer otherwise: scripted answers for the next requests, a mode (hang,
/// fail, ...), or one fixed answer for every request.
/// </summary>
public sealed partial class EventBridgeEmulator : IAsyncDisposable
{
    private readonly ChildProcess _node;
    private readonly HttpClient _control;

    private EventBridgeEmulator(ChildProcess node, Uri url, string eventsFile)
    {
        _node = node;
        Url = url;
        EventsFile = eventsFile;
        _control = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(30) };
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
            [RepositoryRoot.Below("emulators", "eventbridge.mjs"), "--port", "0", "--out", eventsFile, "--mode", mode, "--record"],
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
    public Task SetMode(string mode) => Control("/_stand-in/mode", new StringContent(mode));

    /// <summary>From now on takes each request and never answers it, until <see cref="AnswerAgain"/>.</summary>
    public Task StopAnswering() => SetMode("hang");

    /// <summary>From now on answers every request with <paramref name="status"/> and <paramref name="body"/>, until <see cref="AnswerAgain"/>.</summary>
    public Task FailEveryRequest(int status, string body) =>
        Control("/_stand-in/mode", JsonContent.Create(new { status, body }));

    /// <summary>Ends <see cref="StopAnswering"/> and <see cref="FailEveryRequest"/>: scripted answers, then acceptance, as before.</summary>
    public Task AnswerAgain() => SetMode("accept");

    /// <summary>
    /// Answers the next request not yet scripted for with <paramref name="status"/> and <paramref name="body"/>, after
    /// <paramref name="delay"/> when one is given; a scripted 200 accepts the entries its body does not fail.
    /// </summary>
    public async Task ThenAnswer(int status, string body, TimeSpan delay = default)
    {
        await Control("/_stand-in/script", JsonContent.Create(new { status, body, delayMs = (long)delay.TotalMilliseconds }));
    }

    /// <summary>Every request received (the stand-in's own control requests aside), in order.</summary>
    public async Task<IReadOnlyList<RecordedRequest>> Requests()
    {
        using var document = JsonDocument.Parse(await _control.GetStringAsync(new Uri("/_stand-in/requests", UriKind.Relative)));
        return [.. document.RootElement.EnumerateArray().Select(RecordedRequest.FromStandIn)];
    }

    /// <summary>The entries answered as accepted, in the order they were accepted.</summary>
    public async Task<IReadOnlyList<JsonElement>> AcceptedEntries()
    {
        using var document = JsonDocument.Parse(await _control.GetStringAsync(new Uri("/_stand-in/accepted", UriKind.Relative)));
        return [.. document.RootElement.EnumerateArray().Select(entry => entry.Clone())];
    }

    /// <summary>The CloudEvent ids of the accepted entries, once per acceptance.</summary>
    public async Task<IReadOnlyList<string>> AcceptedEventIds() => [.. (await AcceptedEntries()).Select(EventIdOf)];

    /// <summary>The accepted entries about <paramref name="userId"/>.</summary>
    public async Task<IReadOnlyList<JsonElement>> AcceptedFor(string userId) =>
        [.. (await AcceptedEntries()).Where(entry => IsAbout(entry, userId))];

    /// <summary>The users the accepted entries are about, each once.</summary>
    public async Task<IReadOnlySet<string>> UsersWithAcceptedEvents() =>
        (await AcceptedEntries()).Select(UserIdOf).OfType<string>().ToHashSet(StringComparer.Ordinal);

    /// <summary>The CloudEvent ids of the entries about <paramref name="userId"/> in every request received, tries that failed included.</summary>
    public async Task<IReadOnlyList<string>> EventIdsSentFor(string userId) =>
        [.. (await Requests()).SelectMany(request => request.Entries()).Where(entry => IsAbout(entry, userId)).Select(EventIdOf)];

    /// <summary>The CloudEvent id in an entry's <c>Detail</c>.</summary>
    public static string EventIdOf(JsonElement entry) =>
        JsonNode.Parse(entry.GetProperty("Detail").GetString()!)!["id"]!.GetValue<string>();

    /// <summary>Whether an entry's CloudEvent is about <paramref name="userId"/> (its <c>data.userId</c>).</summary>
    public static bool IsAbout(JsonElement entry, string userId) => UserIdOf(entry) == userId;

    private static string? UserIdOf(JsonElement entry) =>
        (string?)JsonNode.Parse(entry.GetProperty("Detail").GetString()!)?["data"]?["userId"];

    public async ValueTask DisposeAsync()
    {
        _control.Dispose();
        await _node.DisposeAsync();
        File.Delete(EventsFile);
    }

    private async Task Control(string path, HttpContent content)
    {
        using (content)
        using (var response = await _control.PostAsync(new Uri(path, UriKind.Relative), content))
        {
            response.EnsureSuccessStatusCode();
        }
    }

    [GeneratedRegex(@"listening on (?<url>http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningLine();
}
