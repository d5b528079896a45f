using System.Net;
using System.Net.Sockets;

namespace UserManagement.Tests.Infrastructure;

/// <summary>
/// HTTP clients whose connections come from a loopback address of their choosing (127.0.0.2, 127.0.0.3, …: all of
/// 127.0.0.0/8 is this machine on Linux), so a server on 127.0.0.1 sees each as a client of its own, as it would
/// distinct machines, with no header to say so.
/// </summary>
public static class LoopbackClient
{
    public static HttpClient From(IPAddress source, Uri server) =>
        new(new SocketsHttpHandler
        {
            UseProxy = false,
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                try
                {
                    socket.Bind(new IPEndPoint(source, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        })
        {
            BaseAddress = server,
        };
}
