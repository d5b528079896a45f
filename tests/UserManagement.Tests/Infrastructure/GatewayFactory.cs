using System.Globalization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

namespace UserManagement.Tests.Infrastructure;

/// <summary>
/// The gateway as deployed, with its Orleans client pointed at the test cluster. The rate limit is lifted unless
/// <paramref name="settings"/> set it, so tests that call often are not throttled by it.
/// </summary>
public sealed class GatewayFactory(UserClusterFixture cluster, IReadOnlyDictionary<string, string?>? settings = null)
    : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        var options = cluster.Cluster.Options;
        builder.UseEnvironment("Testing");
        builder.ConfigureLogging(logging => logging.AddProvider(CapturedTelemetry.Logs).SetMinimumLevel(LogLevel.Trace));
        builder.UseSetting("Orleans:ClusterId", options.ClusterId);
        builder.UseSetting("Orleans:ServiceId", options.ServiceId);
        builder.UseSetting("Orleans:Clustering:Gateways:0", $"127.0.0.1:{cluster.GatewayPort.ToString(CultureInfo.InvariantCulture)}");
        builder.UseSetting("Jwt:Secret", TestSettings.JwtSecret);
        builder.UseSetting("Jwt:Issuer", TestSettings.JwtIssuer);
        builder.UseSetting("Jwt:Audience", TestSettings.JwtAudience);
        builder.UseSetting("OAuth:Issuer", TestSettings.OAuthIssuer);
        foreach (var (key, value) in TestSettings.OAuthKeys)
        {
            builder.UseSetting(key, value);
        }

        builder.UseSetting("RateLimiting:TokenLimit", "1000000");
        builder.UseSetting("RateLimiting:TokensPerPeriod", "1000000");
        builder.UseSetting("RateLimiting:OAuth:TokenLimit", "1000000");
        builder.UseSetting("RateLimiting:OAuth:TokensPerPeriod", "1000000");
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }
    }
}
