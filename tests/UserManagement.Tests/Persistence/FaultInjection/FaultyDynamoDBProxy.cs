using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using UserManagement.Tests.Infrastructure;

namespace UserManagement.Tests.Persistence.FaultInjection;

/// <summary>
/// An HTTP proxy on loopback in front of dynalite, for a DynamoDB client pointed at it. It passes every request on and
/// every answer back, except those of the requests a test chose (by operation and item key), to which it does what
/// <see cref="DynamoDBFault"/> says: apply the request and lose its answer, delay the answer, or fail without applying.
/// In an outage it answers every request with 500.
/// </summary>
public sealed class FaultyDynamoDBProxy : IAsyncDisposable
{
    private const string ServerErrorBody =
        """{"__type":"com.amazonaws.dynamodb.v20120810#InternalServerError","message":"Injected by the test proxy"}""";

    private static readonly HashSet<string> HopByHopHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Connection", "Content-Length", "Transfer-Encoding", "Keep-Alive", "Expect", "Upgrade",
    };

    private readonly Uri _dynamoDB;
    private readonly HttpClient _forwarder = new(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false });
    private WebApplication _server = null!;
    private readonly Lock _gate = new();
    private readonly List<PlannedFault> _planned = [];
    private readonly ConcurrentQueue<(string Operation, string? Key)> _requests = new();
    private readonly ConcurrentDictionary<string, int> _applied = new(StringComparer.Ordinal);
    private volatile bool _outage;
    private int _refusedInOutage;

    private FaultyDynamoDBProxy(Uri dynamoDB) => _dynamoDB = dynamoDB;

    public Uri Url { get; private set; } = null!;

    public static async Task<FaultyDynamoDBProxy> StartAsync(Uri dynamoDB)
    {
        var proxy = new FaultyDynamoDBProxy(dynamoDB);
        (proxy._server, proxy.Url) = await LoopbackHttpServer.StartAsync(proxy.Proxy);
        return proxy;
    }

    /// <summary>
    /// Does <paramref name="fault"/> to the next <paramref name="times"/> requests of <paramref name="operation"/>
    /// (<c>PutItem</c>, <c>GetItem</c>, …) on the item whose key is <paramref name="key"/>; a delay applies to
    /// <see cref="DynamoDBFault.DelayedAnswer"/> only.
    /// </summary>
    public void Inject(DynamoDBFault fault, string operation, string key, int times = 1, TimeSpan delay = default)
    {
        lock (_gate)
        {
            _planned.Add(new PlannedFault(fault, operation, key, delay) { Left = times });
        }
    }

    /// <summary>Drops the faults planned for the item whose key is <paramref name="key"/> that have not happened yet.</summary>
    public void Heal(string key)
    {
        lock (_gate)
        {
            _planned.RemoveAll(fault => fault.Key == key);
        }
    }

    /// <summary>DynamoDB is down from now on: every request is answered 500 without being passed on, until <see cref="EndOutage"/>.</summary>
    public void StartOutage() => _outage = true;

    public void EndOutage() => _outage = false;

    /// <summary>How many requests were answered 500 because of an outage.</summary>
    public int RefusedInOutage => Volatile.Read(ref _refusedInOutage);

    /// <summary>How many requests of <paramref name="operation"/> on the item reached the proxy, the client's retries included.</summary>
    public int RequestsFor(string operation, string key) =>
        _requests.Count(request => request.Operation == operation && request.Key == key);

    /// <summary>How many faults were done to requests on the item whose key is <paramref name="key"/>.</summary>
    public int FaultsDoneTo(string key) => _applied.GetValueOrDefault(key);

    /// <summary>How many of the injected faults have not happened yet.</summary>
    public int FaultsLeft
    {
        get
        {
            lock (_gate)
            {
                return _planned.Sum(fault => fault.Left);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        _forwarder.Dispose();
    }

    private async Task Proxy(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        var operation = context.Request.Headers["X-Amz-Target"].ToString().Split('.').Last();
        var key = KeyOf(body.ToArray());
        _requests.Enqueue((operation, key));
        if (_outage)
        {
            Interlocked.Increment(ref _refusedInOutage);
            await AnswerServerError(context);
            return;
        }

        var fault = Take(operation, key);

        if (fault?.Fault == DynamoDBFault.ServerErrorWithoutApplying)
        {
            await AnswerServerError(context);
            return;
        }

        using var answer = await _forwarder.SendAsync(Forwarded(context.Request, body.ToArray()), context.RequestAborted);
        var answerBody = await answer.Content.ReadAsByteArrayAsync(context.RequestAborted);
        switch (fault?.Fault)
        {
            case DynamoDBFault.ResetAfterApplying:
                context.Abort();
                return;
            case DynamoDBFault.ServerErrorAfterApplying:
                await AnswerServerError(context);
                return;
            case DynamoDBFault.DelayedAnswer:
                try
                {
                    await Task.Delay(fault.Delay, context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                    return; // the caller gave up waiting
                }

                break;
        }

        context.Response.StatusCode = (int)answer.StatusCode;
        foreach (var (name, values) in answer.Headers.Concat(answer.Content.Headers))
        {
            if (!HopByHopHeaders.Contains(name))
            {
                context.Response.Headers[name] = values.ToArray();
            }
        }

        await context.Response.Body.WriteAsync(answerBody, context.RequestAborted);
    }

    private HttpRequestMessage Forwarded(HttpRequest request, byte[] body)
    {
        var forwarded = new HttpRequestMessage(new HttpMethod(request.Method), new Uri(_dynamoDB, request.Path + request.QueryString))
        {
            Content = new ByteArrayContent(body),
        };
        foreach (var (name, values) in request.Headers)
        {
            if (!HopByHopHeaders.Contains(name) && !forwarded.Headers.TryAddWithoutValidation(name, values.ToArray()))
            {
                forwarded.Content.Headers.TryAddWithoutValidation(name, values.ToArray());
            }
        }

        return forwarded;
    }

    private PlannedFault? Take(string operation, string? key)
    {
        lock (_gate)
        {
            var fault = _planned.FirstOrDefault(f => f.Left > 0 && f.Operation == operation && f.Key == key);
            if (fault is not null)
            {
                fault.Left--;
                _applied.AddOrUpdate(fault.Key, 1, (_, done) => done + 1);
            }

            return fault;
        }
    }

    /// <summary>The partition key of the item a request writes or reads: <c>Item.pk</c> or <c>Key.pk</c>.</summary>
    private static string? KeyOf(byte[] body)
    {
        if (body.Length == 0)
        {
            return null;
        }

        var request = JsonNode.Parse(body);
        return (request?["Item"] ?? request?["Key"])?["pk"]?["S"]?.GetValue<string>();
    }

    private static Task AnswerServerError(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status500InternalServerError;
        context.Response.ContentType = "application/x-amz-json-1.0";
        return context.Response.WriteAsync(ServerErrorBody);
    }

    private sealed class PlannedFault(DynamoDBFault fault, string operation, string key, TimeSpan delay)
    {
        public DynamoDBFault Fault => fault;

        public string Operation => operation;

        public string Key => key;

        public TimeSpan Delay => delay;

        public int Left { get; set; }
    }
}
