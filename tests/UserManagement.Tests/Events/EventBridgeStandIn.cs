using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using UserManagement.Tests.Infrastructure;

namespace UserManagement.Tests.Events;

/// <summary>
/// A local HTTP endpoint in EventBridge's place. It records every request, answers with the scripted answers in
/// order and, once they run out, accepts every entry; it keeps the entries it accepted, as EventBridge would deliver them.
/// It can also stop answering (a hung EventBridge: the connection is accepted, no answer ever comes) or fail every
/// request alike (an outage), until told otherwise.
/// </summary>
public sealed class EventBridgeStandIn : IAsyncDisposable
{
    private readonly ConcurrentQueue<(int Status, string Body, TimeSpan Delay)> _script = new();
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly ConcurrentQueue<JsonElement> _accepted = new();
    private WebApplication _app = null!;
    private volatile bool _hanging;
    private volatile Tuple<int, string>? _outage;

    private EventBridgeStandIn()
    {
    }

    public Uri Url { get; private set; } = null!;

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    /// <summary>The entries answered as accepted, in the order they were accepted.</summary>
    public IReadOnlyList<JsonElement> AcceptedEntries => [.. _accepted];

    public static async Task<EventBridgeStandIn> Start()
    {
        var standIn = new EventBridgeStandIn();
        (standIn._app, standIn.Url) = await LoopbackHttpServer.StartAsync(standIn.Answer);
        return standIn;
    }

    /// <summary>
    /// Answers the next request not yet scripted for with <paramref name="status"/> and <paramref name="body"/>, after
    /// <paramref name="delay"/> when one is given.
    /// </summary>
    public EventBridgeStandIn ThenAnswer(int status, string body, TimeSpan delay = default)
    {
        _script.Enqueue((status, body, delay));
        return this;
    }

    /// <summary>From now on takes each request and never answers it, until <see cref="AnswerAgain"/>.</summary>
    public void StopAnswering() => _hanging = true;

    /// <summary>From now on answers every request with <paramref name="status"/> and <paramref name="body"/>, until <see cref="AnswerAgain"/>.</summary>
    public void FailEveryRequest(int status, string body) => _outage = Tuple.Create(status, body);

    /// <summary>Ends <see cref="StopAnswering"/> and <see cref="FailEveryRequest"/>: scripted answers, then acceptance, as before.</summary>
    public void AnswerAgain()
    {
        _outage = null;
        _hanging = false;
    }

    /// <summary>The CloudEvent ids of the accepted entries, once per acceptance.</summary>
    public IReadOnlyList<string> AcceptedEventIds => [.. AcceptedEntries.Select(EventIdOf)];

    /// <summary>The CloudEvent ids of the entries about <paramref name="userId"/> in every request received, tries that failed included.</summary>
    public IReadOnlyList<string> EventIdsSentFor(string userId) =>
        [.. Requests.SelectMany(request => request.Entries()).Where(entry => IsAbout(entry, userId)).Select(EventIdOf)];

    /// <summary>The accepted entries about <paramref name="userId"/>.</summary>
    public IReadOnlyList<JsonElement> AcceptedFor(string userId) => [.. AcceptedEntries.Where(entry => IsAbout(entry, userId))];

    public static string EventIdOf(JsonElement entry) =>
        JsonNode.Parse(entry.GetProperty("Detail").GetString()!)!["id"]!.GetValue<string>();

    private static bool IsAbout(JsonElement entry, string userId) =>
        (string?)JsonNode.Parse(entry.GetProperty("Detail").GetString()!)?["data"]?["userId"] == userId;

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private async Task Answer(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body);
        var request = new RecordedRequest(
            context.Request.Method,
            context.Request.Path.Value ?? "",
            context.Request.QueryString.Value ?? "",
            context.Request.Headers.ToDictionary(header => header.Key, header => header.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            body.ToArray());
        _requests.Enqueue(request);

        var (status, answer, delay) = _hanging ? (0, "", Timeout.InfiniteTimeSpan)
            : _outage is { } outage ? (outage.Item1, outage.Item2, TimeSpan.Zero)
            : _script.TryDequeue(out var scripted) ? scripted
            : (200, AcceptAll(request.Entries().Count), TimeSpan.Zero);
        if (delay > TimeSpan.Zero || delay == Timeout.InfiniteTimeSpan)
        {
            try
            {
                await Task.Delay(delay, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        if (status == 200)
        {
            KeepAccepted(request, answer);
        }

        context.Response.StatusCode = status;
        context.Response.ContentType = "application/x-amz-json-1.1";
        await context.Response.WriteAsync(answer);
    }

    private void KeepAccepted(RecordedRequest request, string answer)
    {
        var results = JsonNode.Parse(answer)!["Entries"]!.AsArray();
        foreach (var (entry, result) in request.Entries().Zip(results))
        {
            if (result?["ErrorCode"] is null)
            {
                _accepted.Enqueue(entry);
            }
        }
    }

    private static string AcceptAll(int count) => new JsonObject
    {
        ["FailedEntryCount"] = 0,
        ["Entries"] = new JsonArray([.. Enumerable.Range(0, count).Select(_ => new JsonObject { ["EventId"] = Guid.NewGuid().ToString() })]),
    }.ToJsonString();
}
