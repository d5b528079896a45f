using System.Globalization;

namespace UserManagement.Testing;

/// <summary>Debian's redis-server on a free loopback port, in memory only: a cluster's membership table.</summary>
public sealed class RedisServer : IAsyncDisposable
{
    private readonly ChildProcess _process;

    private RedisServer(ChildProcess process, int port)
    {
        _process = process;
        ConnectionString = $"127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}";
    }

    public string ConnectionString { get; }

    public static async Task<RedisServer> Start()
    {
        var port = LoopbackPorts.Free();
        var process = ChildProcess.Start(
            "redis",
            "redis-server",
            ["--bind", "127.0.0.1", "--port", port.ToString(CultureInfo.InvariantCulture), "--save", "", "--appendonly", "no"],
            new Dictionary<string, string>());
        await LoopbackPorts.WaitUntilListening(port, TimeSpan.FromSeconds(20));
        return new RedisServer(process, port);
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
