using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Scalar.AspNetCore;
using UserManagement.Gateway.Authentication;
using UserManagement.Gateway.Benchmarks;
using UserManagement.Gateway.Common;
using UserManagement.Gateway.Events;
using UserManagement.Gateway.OAuth;
using UserManagement.Gateway.Security;
using UserManagement.Gateway.Users;

namespace UserManagement.Gateway;

/// <summary>
/// The REST API and the OAuth server as pieces any host can take: the gateway's own process (with an Orleans client)
/// and a silo that serves the API itself (co-hosted, calling its grains in process). Both register and map exactly this.
/// </summary>
public static class GatewayApiExtensions
{
    /// <summary>The API's services; the host brings an <see cref="IGrainFactory"/> (an Orleans client, or the silo's own).</summary>
    public static IHostApplicationBuilder AddGatewayApi(this IHostApplicationBuilder builder)
    {
        builder.Services.AddGatewayApi(builder.Configuration, builder.Environment);
        return builder;
    }

    /// <inheritdoc cref="AddGatewayApi(IHostApplicationBuilder)"/>
    public static IServiceCollection AddGatewayApi(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.Configure<KestrelServerOptions>(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = RequestBodyLimit.MaxBytes;
        });

        services.AddRouting();
        services.AddOptions<JwtOptions>()
            .BindConfiguration(JwtOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<SigningKeyRing>();
        services.AddSingleton(provider => new ValidatedTokenCache(
            provider.GetRequiredService<IOptions<JwtOptions>>().Value.ValidatedTokenCacheSize, provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton<TokenIssuer>();
        services.AddSingleton<IConfigureOptions<JwtBearerOptions>, ConfigureJwtBearer>();
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddAuthorization();
        services.AddCredentialsRateLimit();
        services.AddSecurityHeaders();
        services.AddOAuthServer(configuration, environment);
        services.Replace(ServiceDescriptor.Scoped<IAuthenticationHandlerProvider, OAuthRequestsOnly>());

        services.AddProblemDetails();
        services.AddExceptionHandler<RequestExceptionHandler>();
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.Configure<JsonOptions>(options => options.SerializerOptions.AllowTrailingCommas = false);

        var allowedOrigins = configuration.GetSection("Cors:AllowedOrigins").Get<string[]>() ?? ["*"];
        services.AddCors(cors => cors.AddDefaultPolicy(policy =>
        {
            if (allowedOrigins.Contains("*"))
            {
                policy.AllowAnyOrigin();
            }
            else
            {
                policy.WithOrigins(allowedOrigins);
            }

            policy.AllowAnyHeader().AllowAnyMethod();
        }));

        services.AddOpenApi();
        return services;
    }

    /// <summary>The API's middleware, in order; a host calls it before mapping endpoints.</summary>
    public static IApplicationBuilder UseGatewayApi(this IApplicationBuilder app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages(Problems.WriteForStatusCode);
        app.UseCors();
        app.UseRequestBodyLimit();
        app.UseJsonRequestContent();

        // Before authentication: OpenIddict answers some OAuth endpoints there, and they are rate limited too.
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }

    /// <summary>The API's endpoints (the health endpoints are the host's own).</summary>
    public static IEndpointRouteBuilder MapGatewayApi(this IEndpointRouteBuilder endpoints)
    {
        var configuration = endpoints.ServiceProvider.GetRequiredService<IConfiguration>();
        var environment = endpoints.ServiceProvider.GetRequiredService<IHostEnvironment>();

        // The API's description and its browsable reference help whoever builds a client; a deployment exposes them
        // only when told to.
        if (configuration.GetValue("OpenApi:Enabled", environment.IsDevelopment()))
        {
            endpoints.MapOpenApi();
            endpoints.MapScalarApiReference();
        }

        endpoints.MapUsersApi();
        endpoints.MapLoginApi();
        endpoints.MapKeysApi();
        endpoints.MapOAuthApi();
        endpoints.MapUserEventsApi();
        endpoints.MapBaselineApi(configuration);
        return endpoints;
    }
}
