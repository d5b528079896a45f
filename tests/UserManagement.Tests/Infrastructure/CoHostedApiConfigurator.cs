using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.TestingHost;
using UserManagement.Gateway;
using UserManagement.ServiceDefaults;

namespace UserManagement.Tests.Infrastructure;

/// <summary>
/// A test silo that serves the API itself, as a co-hosted silo does: the gateway's registrations and pipeline in the
/// silo's own host, calling grains through the silo's runtime with no client in between.
/// </summary>
public sealed class CoHostedApiConfigurator : IHostConfigurator
{
    public void Configure(IHostBuilder hostBuilder) => hostBuilder
        .UseEnvironment("Testing")

        // As the silo's and the gateway's appsettings.json say: OpenIddict's debug lines name reference tokens.
        .ConfigureLogging(logging => logging.AddFilter("OpenIddict", LogLevel.Warning))
        .ConfigureWebHost(web => web
            .ConfigureServices((context, services) => services
                .AddSingleton<SiloApiServer>()
                .AddSingleton<IServer>(provider => provider.GetRequiredService<SiloApiServer>())
                .AddGatewayApi(context.Configuration, context.HostingEnvironment)
                .AddDefaultHealthChecks())
            .Configure(app =>
            {
                app.UseRouting();
                app.UseGatewayApi();
                app.UseEndpoints(endpoints => endpoints.MapDefaultEndpoints().MapGatewayApi());
            }));
}

/// <summary>
/// The silo's web server in the tests: it keeps the application the silo's host starts, and gives each
/// <see cref="GatewayFactory"/> a test server of its own over it, which the factory may dispose without stopping the silo.
/// </summary>
public sealed class SiloApiServer(IServiceProvider services) : IServer
{
    private Func<TestServer>? _newServer;

    public IFeatureCollection Features { get; } = new FeatureCollection();

    public TestServer NewTestServer() =>
        (_newServer ?? throw new InvalidOperationException("The silo's web host has not started."))();

    public Task StartAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken)
        where TContext : notnull
    {
        _newServer = () =>
        {
            var server = new TestServer(services);
            ((IServer)server).StartAsync(application, CancellationToken.None).GetAwaiter().GetResult();
            return server;
        };
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose()
    {
    }
}
