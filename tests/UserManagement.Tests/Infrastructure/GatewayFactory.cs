using System.Globalization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace UserManagement.Tests.Infrastructure;

/// <summary>The gateway as deployed, with its Orleans client pointed at the test cluster.</summary>
public sealed class GatewayFactory(UserClusterFixture cluster) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        var options = cluster.Cluster.Options;
        builder.UseEnvironment("Testing");
        builder.UseSetting("Orleans:ClusterId", options.ClusterId);
        builder.UseSetting("Orleans:ServiceId", options.ServiceId);
        builder.UseSetting("Orleans:Endpoints:GatewayPort", cluster.GatewayPort.ToString(CultureInfo.InvariantCulture));
        builder.UseSetting("Jwt:Secret", TestSettings.JwtSecret);
        builder.UseSetting("Jwt:Issuer", TestSettings.JwtIssuer);
        builder.UseSetting("Jwt:Audience", TestSettings.JwtAudience);
    }
}
