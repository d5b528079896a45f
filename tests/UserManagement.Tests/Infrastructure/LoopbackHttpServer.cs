using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace UserManagement.Tests.Infrastructure;

/// <summary>Kestrel on a free 127.0.0.1 port, every request answered by one handler: the HTTP stand-ins of the tests.</summary>
public static class LoopbackHttpServer
{
    public static async Task<(WebApplication Server, Uri Url)> StartAsync(RequestDelegate handler)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var server = builder.Build();
        server.Run(handler);
        await server.StartAsync();
        return (server, new Uri(server.Urls.Single()));
    }
}
