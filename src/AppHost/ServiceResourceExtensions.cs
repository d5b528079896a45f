using System.Globalization;
using Aspire.Hosting.ApplicationModel;

namespace UserManagement.AppHost;

internal static class ServiceResourceExtensions
{
    /// <summary>
    /// What every process of the service is told locally: <c>Development</c> (the API reference, the Orleans dashboard),
    /// the cluster's gateway port (where the silo listens, and where its clients find it), and the AWS SDK's settings for the stand-ins: a region, and placeholder keys the
    /// emulators accept and no AWS account knows, with no instance-metadata look-up.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithServiceSettings(this IResourceBuilder<ProjectResource> service, LocalRunSettings settings) =>
        service
            .WithEnvironment("ASPNETCORE_ENVIRONMENT", "Development")
            .WithEnvironment("Orleans__Endpoints__GatewayPort", settings.Ports.OrleansGateway.ToString(CultureInfo.InvariantCulture))
            .WithEnvironment("Orleans__Clustering__Gateways__0", $"127.0.0.1:{settings.Ports.OrleansGateway.ToString(CultureInfo.InvariantCulture)}")
            .WithEnvironment("AWS_REGION", "us-east-1")
            .WithEnvironment("AWS_ACCESS_KEY_ID", "local")
            .WithEnvironment("AWS_SECRET_ACCESS_KEY", "local")
            .WithEnvironment("AWS_EC2_METADATA_DISABLED", "true");
}
