using UserManagement.Gateway;
using UserManagement.Ingest;

namespace UserManagement.Silo;

/// <summary>
/// Section <c>CoHosting</c>: what else this silo process does besides hosting grains. With <see cref="Api"/> it serves
/// the REST API and the OAuth server (the gateway's, registered by the same code) and calls its grains in process; with
/// <see cref="Ingest"/> it consumes the order queue (the ingest worker's consumer). Both are on in a co-hosted
/// deployment, the default; a split deployment runs the gateway and ingest hosts instead and turns both off.
/// </summary>
internal sealed class CoHosting
{
    public const string SectionName = "CoHosting";

    public bool Api { get; set; }

    public bool Ingest { get; set; }

    public static CoHosting From(IConfiguration configuration) =>
        configuration.GetSection(SectionName).Get<CoHosting>() ?? new CoHosting();
}

internal static class CoHostingExtensions
{
    public static WebApplicationBuilder AddCoHostedRoles(this WebApplicationBuilder builder)
    {
        var roles = CoHosting.From(builder.Configuration);
        if (roles.Api)
        {
            builder.AddGatewayApi();
        }

        if (roles.Ingest)
        {
            builder.AddOrderIngest();
        }

        return builder;
    }

    /// <summary>The API's middleware, ahead of every endpoint the silo maps.</summary>
    public static WebApplication UseCoHostedApi(this WebApplication app)
    {
        if (CoHosting.From(app.Configuration).Api)
        {
            app.UseGatewayApi();
        }

        return app;
    }

    public static WebApplication MapCoHostedApi(this WebApplication app)
    {
        if (CoHosting.From(app.Configuration).Api)
        {
            app.MapGatewayApi();
        }

        return app;
    }
}
