using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http.Json;
using Scalar.AspNetCore;
using UserManagement.Gateway.Authentication;
using UserManagement.Gateway.Benchmarks;
using UserManagement.Gateway.Common;
using UserManagement.Gateway.Events;
using UserManagement.Gateway.OAuth;
using UserManagement.Gateway.Security;
using UserManagement.Gateway.Users;
using UserManagement.ServiceDefaults;
using UserManagement.ServiceDefaults.Orleans;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddUserManagementClusterClient();
builder.WebHost.ConfigureKestrel(kestrel =>
{
    kestrel.AddServerHeader = false;
    kestrel.Limits.MaxRequestBodySize = RequestBodyLimit.MaxBytes;
});

builder.Services.AddOptions<JwtOptions>()
    .BindConfiguration(JwtOptions.SectionName)
    .ValidateDataAnnotations()
    .ValidateOnStart();
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton<SigningKeyRing>();
builder.Services.AddSingleton<TokenIssuer>();
builder.Services.AddSingleton<Microsoft.Extensions.Options.IConfigureOptions<JwtBearerOptions>, ConfigureJwtBearer>();
builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
builder.Services.AddAuthorization();
builder.Services.AddCredentialsRateLimit();
builder.Services.AddSecurityHeaders();
builder.AddOAuthServer();

builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<RequestExceptionHandler>();
builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
builder.Services.Configure<JsonOptions>(options => options.SerializerOptions.AllowTrailingCommas = false);

var allowedOrigins = builder.Configuration.GetSection("Cors:AllowedOrigins").Get<string[]>() ?? ["*"];
builder.Services.AddCors(cors => cors.AddDefaultPolicy(policy =>
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

builder.Services.AddOpenApi();

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages(Problems.WriteForStatusCode);
app.UseCors();
app.UseRequestBodyLimit();
app.UseJsonRequestContent();

// Before authentication: OpenIddict answers some OAuth endpoints there, and they are rate limited too.
app.UseRateLimiter();
app.UseAuthentication();
app.UseAuthorization();

app.MapDefaultEndpoints();
// The API's description and its browsable reference help whoever builds a client; a deployment exposes them only
// when told to.
if (app.Configuration.GetValue("OpenApi:Enabled", app.Environment.IsDevelopment()))
{
    app.MapOpenApi();
    app.MapScalarApiReference();
}

app.MapUsersApi();
app.MapLoginApi();
app.MapKeysApi();
app.MapOAuthApi();
app.MapUserEventsApi();
app.MapBaselineApi(app.Configuration);

app.Run();

/// <summary>The gateway's entry point, visible to the API tests' <c>WebApplicationFactory</c>.</summary>
public partial class Program;
