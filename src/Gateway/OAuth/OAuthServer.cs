using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using UserManagement.Gateway.Authentication;
using UserManagement.Gateway.OAuth.Stores;
using UserManagement.Gateway.Security;
using UserManagement.Contracts.OAuth;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace UserManagement.Gateway.OAuth;

/// <summary>The OAuth 2.1 authorization server: OpenIddict on grain-backed stores, and the endpoints it hands over.</summary>
public static class OAuthServer
{
    public const string RateLimitSection = "RateLimiting:OAuth";

    public static IServiceCollection AddOAuthServer(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddOptions<OAuthOptions>()
            .BindConfiguration(OAuthOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate<IOptions<JwtOptions>>(
                (oauth, jwt) => oauth.AccessTokenLifetime <= jwt.Value.EffectiveMaxAcceptedLifetime,
                "OAuth:AccessTokenLifetime must not exceed the lifetime the gateway accepts (Jwt:MaxAcceptedLifetime, else Jwt:Lifetime).")
            .Validate(
                oauth => OAuthKeys.MayMakeOwnKeys(environment)
                    || oauth.KeySecret is { Length: > 0 },
                "OAuth:KeySecret is required outside Development and Testing, so every gateway encrypts and signs alike.")
            .ValidateOnStart();
        var oauth = configuration.GetSection(OAuthOptions.SectionName).Get<OAuthOptions>() ?? new OAuthOptions();

        // Anti-forgery tokens and sign-in tickets are protected with keys every gateway shares (see GrainXmlRepository).
        services.AddDataProtection().SetApplicationName("user-management");
        services.AddOptions<KeyManagementOptions>().Configure<IGrainFactory>((keys, grains) => keys.XmlRepository = new GrainXmlRepository(grains));
        services.AddAntiforgery(antiforgery =>
        {
            antiforgery.FormFieldName = AuthorizeEndpoint.AntiforgeryFieldName;
            antiforgery.Cookie.Name = "__Host-oauth-antiforgery";
            antiforgery.Cookie.Path = "/";
            antiforgery.Cookie.SameSite = SameSiteMode.Strict;
            antiforgery.Cookie.SecurePolicy = CookieSecurePolicy.Always;
        });
        if (oauth.Issuer?.Scheme == Uri.UriSchemeHttp)
        {
            // A plain-http issuer is a loopback run (local or tests), where no cookie can be Secure; the name then loses __Host-.
            services.Configure<Microsoft.AspNetCore.Antiforgery.AntiforgeryOptions>(antiforgery =>
            {
                antiforgery.Cookie.Name = "oauth-antiforgery";
                antiforgery.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            });
        }

        services.AddSingleton<CredentialCheck>();
        services.AddOpenIddict()
            .AddCore(core =>
            {
                core.SetDefaultApplicationEntity<OAuthApplication>()
                    .SetDefaultAuthorizationEntity<OAuthAuthorization>()
                    .SetDefaultTokenEntity<OAuthToken>()
                    .SetDefaultScopeEntity<ScopeDescription>()
                    .ReplaceApplicationStore<OAuthApplication, GrainApplicationStore>(ServiceLifetime.Singleton)
                    .ReplaceAuthorizationStore<OAuthAuthorization, GrainAuthorizationStore>(ServiceLifetime.Singleton)
                    .ReplaceTokenStore<OAuthToken, GrainTokenStore>(ServiceLifetime.Singleton)
                    .ReplaceScopeStore<ScopeDescription, CatalogueScopeStore>(ServiceLifetime.Singleton)
                    // The grain activations are the cache, shared by every gateway; a copy here would outlive a change
                    // made through another gateway (a deleted client, a revoked token).
                    .DisableEntityCaching();
            })
            .AddServer(server =>
            {
                server.SetIssuer(oauth.Issuer ?? new Uri("http://localhost/"))
                    .SetAuthorizationEndpointUris("oauth/authorize")
                    .SetTokenEndpointUris("oauth/token")
                    .SetIntrospectionEndpointUris("oauth/introspect")
                    .SetRevocationEndpointUris("oauth/revoke")
                    .SetUserInfoEndpointUris("oauth/userinfo")
                    .SetConfigurationEndpointUris(".well-known/openid-configuration", ".well-known/oauth-authorization-server")
                    .SetJsonWebKeySetEndpointUris("oauth/jwks");
                server.AllowAuthorizationCodeFlow()
                    .AllowRefreshTokenFlow()
                    .AllowClientCredentialsFlow()
                    .RequireProofKeyForCodeExchange();
                server.RegisterScopes([.. OAuthScopes.Names]);
                server.SetAccessTokenLifetime(oauth.AccessTokenLifetime)
                    .SetRefreshTokenLifetime(oauth.RefreshTokenLifetime)
                    .SetAuthorizationCodeLifetime(oauth.AuthorizationCodeLifetime)
                    .SetIdentityTokenLifetime(oauth.AccessTokenLifetime);

                // A refresh token is good for one use: presented again, it is refused and its family revoked.
                server.SetRefreshTokenReuseLeeway(null);
                server.UseReferenceRefreshTokens();

                // Access tokens are the JWTs the shop's services already verify: signed, not encrypted.
                server.DisableAccessTokenEncryption();
                server.Configure(options => options.CodeChallengeMethods.Remove(CodeChallengeMethods.Plain));
                server.AddEventHandler(AdvertiseRegistrationEndpoint.Descriptor);

                server.UseAspNetCore()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableTokenEndpointPassthrough()
                    .EnableUserInfoEndpointPassthrough()
                    .EnableErrorPassthrough()
                    // TLS ends at the load balancer; the issuer (https in production) is what clients see.
                    .DisableTransportSecurityRequirement();
            });

        services.AddSingleton<IConfigureOptions<OpenIddict.Server.OpenIddictServerOptions>, OAuthKeys>();

        // OAuth access tokens carry the issuer RFC 8414 requires (the base URL); /login tokens carry Jwt:Issuer.
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).PostConfigure<IOptions<OAuthOptions>>((bearer, options) =>
            bearer.TokenValidationParameters.ValidIssuers = [.. bearer.TokenValidationParameters.ValidIssuers ?? [], options.Value.Issuer!.AbsoluteUri]);

        AddRateLimit(services);
        return services;
    }

    public static IEndpointRouteBuilder MapOAuthApi(this IEndpointRouteBuilder app)
    {
        var oauth = app.MapGroup("/oauth").WithTags("OAuth");
        oauth.MapMethods("/authorize", [HttpMethods.Get, HttpMethods.Post], AuthorizeEndpoint.Handle)
            .WithSummary("The sign-in page of the authorization code flow (PKCE S256 required)")
            .DisableAntiforgery()
            .Produces(StatusCodes.Status200OK, contentType: "text/html")
            .Produces(StatusCodes.Status302Found)
            .Produces(StatusCodes.Status400BadRequest, contentType: "text/html");
        oauth.MapPost("/token", TokenEndpoint.Handle)
            .WithSummary("Exchange a code, a refresh token or client credentials for tokens (form-encoded, RFC 6749)")
            .Produces(StatusCodes.Status200OK)
            .Produces(StatusCodes.Status400BadRequest)
            .Produces(StatusCodes.Status401Unauthorized);
        oauth.MapMethods("/userinfo", [HttpMethods.Get, HttpMethods.Post], UserInfoEndpoint.Handle)
            .WithSummary("The signed-in user's claims (OpenID Connect UserInfo)")
            .Produces<Dictionary<string, object>>()
            .Produces(StatusCodes.Status401Unauthorized);
        app.MapClientRegistrationApi();
        return app;
    }

    /// <summary>
    /// A token bucket per client address on every POST under <c>/oauth</c>. It runs as the global limiter, ahead of
    /// authentication, because OpenIddict answers the token, introspection and revocation endpoints in the
    /// authentication middleware, before any endpoint's own policy would be seen.
    /// </summary>
    private static void AddRateLimit(IServiceCollection services)
    {
        services.AddOptions<CredentialsRateLimitOptions>(RateLimitSection)
            .Configure(limits => (limits.TokenLimit, limits.TokensPerPeriod) = (100, 100))
            .BindConfiguration(RateLimitSection)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<RateLimiterOptions>().Configure<IOptionsMonitor<CredentialsRateLimitOptions>>((limiter, monitor) =>
        {
            var limits = monitor.Get(RateLimitSection);
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                HttpMethods.IsPost(context.Request.Method) && context.Request.Path.StartsWithSegments("/oauth", StringComparison.OrdinalIgnoreCase)
                    ? RateLimitPartition.GetTokenBucketLimiter(
                        context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                        _ => new TokenBucketRateLimiterOptions
                        {
                            TokenLimit = limits.TokenLimit,
                            TokensPerPeriod = limits.TokensPerPeriod,
                            ReplenishmentPeriod = limits.ReplenishmentPeriod,
                            QueueLimit = 0,
                            AutoReplenishment = true,
                        })
                    : RateLimitPartition.GetNoLimiter("other"));
        });
    }
}
