namespace UserManagement.Tests.Cluster.Harness;

/// <summary>
/// What a load balancer in front of co-hosting nodes does for a test's client: each request goes to the next node in
/// turn, and one that cannot connect (the node is down) goes to the following node instead.
/// </summary>
internal sealed class NodeBalancer(IReadOnlyList<Uri> nodes) : DelegatingHandler(new SocketsHttpHandler { UseProxy = false })
{
    private int _next;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var first = Interlocked.Increment(ref _next);
        var path = request.RequestUri!.PathAndQuery;
        for (var attempt = 0; ; attempt++)
        {
            request.RequestUri = new Uri(nodes[(int)((uint)(first + attempt) % (uint)nodes.Count)], path);
            try
            {
                return await base.SendAsync(request, cancellationToken);
            }
            catch (HttpRequestException) when (attempt + 1 < nodes.Count)
            {
            }
        }
    }
}
