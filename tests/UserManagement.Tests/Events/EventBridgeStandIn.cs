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
/// </summary>
public sealed class EventBridgeStandIn : IAsyncDisposable
{
    private readonly ConcurrentQueue<(int Status, string Body, TimeSpan Delay)> _script = new();
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly ConcurrentQueue<JsonElement> _accepted = new();
    private WebApplication _app = null!;

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

        var (status, answer, delay) = _script.TryDequeue(out var scripted) ? scripted : (200, AcceptAll(request.Entries().Count), TimeSpan.Zero);
        if (delay > TimeSpan.Zero)
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
