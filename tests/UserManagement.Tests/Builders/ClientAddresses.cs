using System.Net;

namespace UserManagement.Tests.Builders;

/// <summary>
/// Client addresses no other test uses: IPv4 addresses from the benchmarking range 198.18.0.0/15, handed out in turn,
/// so a test's attacker and owner are told apart and tests in parallel never share an address's count.
/// </summary>
public static class ClientAddresses
{
    private static int _next;

    public static IPAddress Next()
    {
        var n = Interlocked.Increment(ref _next);
        return new IPAddress([198, (byte)(18 + ((n >> 16) & 1)), (byte)(n >> 8), (byte)n]);
    }

    public static IPAddress[] Next(int count) => [.. Enumerable.Range(0, count).Select(_ => Next())];
}
