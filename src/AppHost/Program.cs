using System.Globalization;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using UserManagement.AppHost;

// The whole service on this machine, with no AWS account: the AWS stand-ins, then the silo serving the API and
// consuming the queue (or, split, the silo, the gateway and the ingest worker), each configured here, on 127.0.0.1, with their traces, logs and metrics on the Aspire dashboard.
var builder = DistributedApplication.CreateBuilder(args);
var settings = builder.Configuration.GetSection(LocalRunSettings.SectionName).Get<LocalRunSettings>() ?? new LocalRunSettings();
var root = Path.GetFullPath(Path.Combine(builder.AppHostDirectory, "..", ".."));
var emulators = Path.Combine(root, "emulators");
var data = Path.Combine(root, settings.DataDirectory);
Directory.CreateDirectory(Path.Combine(data, "dynamodb"));

// Secrets of this machine's emulated setup only (the AppHost's appsettings.json); no deployment uses them.
var jwtSecret = builder.AddParameter("jwt-secret", secret: true);
var adminPassword = builder.AddParameter("admin-password", secret: true);

var dynamodb = builder.AddEmulator("dynamodb", emulators, settings.Ports.DynamoDB, "/", portVariable: null,
        "node_modules/dynalite/cli.js", "--host", LoopbackResourceExtensions.Loopback, "--path", Path.Combine(data, "dynamodb"));
dynamodb.WithArgs(context =>
{
    context.Args.Add("--port");
    context.Args.Add(dynamodb.GetEndpoint("http").Property(EndpointProperty.TargetPort));
});

// The queue the ingest worker reads and its dead-letter queue (redrive after 5 receives); nothing kept across runs.
var sqs = builder.AddEmulator("sqs", emulators, settings.Ports.Sqs, "/health", "SQS_PORT", "sqs.mjs");

// Prints every event it accepts and keeps them in .data/events.jsonl; its mode can be switched while it runs.
var events = builder.AddEmulator("events", emulators, settings.Ports.EventBridge, "/_stand-in/mode", "EVENTBRIDGE_PORT",
        "eventbridge.mjs", "--out", Path.Combine(data, "events.jsonl"));

// Co-hosted (the default): one silo process serves the API on the API's port and consumes the queue, as a co-hosted
// deployment runs. Split: the silo, the gateway and the ingest worker as three processes, as a split deployment runs.
var coHosted = settings.Topology == LocalRunTopology.CoHosted;
var silo = builder.AddProject<Projects.UserManagement_Silo>("silo", launchProfileName: null)
    .WithLoopbackHttpEndpoint(coHosted ? settings.Ports.Api : settings.Ports.Silo)
    .WithServiceSettings(settings)
    .WithEnvironment("Orleans__Endpoints__SiloPort", settings.Ports.OrleansSilo.ToString(CultureInfo.InvariantCulture))
    .WithEnvironment("AWS_ENDPOINT_URL_DYNAMODB", dynamodb.GetEndpoint("http"))
    .WithEnvironment("AWS_ENDPOINT_URL_EVENTBRIDGE", events.GetEndpoint("http"))
    .WithEnvironment("Storage__users__CreateTableIfNotExists", "true")
    .WithEnvironment("Reminders__CreateTableIfNotExists", "true")
    .WithEnvironment("Events__Source", "local.users")
    .WithEnvironment("Admin__EmailAddress", settings.AdministratorEmailAddress)
    .WithEnvironment("Admin__Password", adminPassword)
    .WithEnvironment("CoHosting__Api", coHosted ? "true" : "false")
    .WithEnvironment("CoHosting__Ingest", coHosted ? "true" : "false")
    .WithHttpHealthCheck("/health/ready")
    .WaitFor(dynamodb)
    .WaitFor(events);
silo.WithUrl($"{silo.GetEndpoint("http")}/dashboard/", "Orleans dashboard");

var api = coHosted ? silo : builder.AddProject<Projects.UserManagement_Gateway>("gateway", launchProfileName: null)
    .WithLoopbackHttpEndpoint(settings.Ports.Api)
    .WithServiceSettings(settings)
    .WithHttpHealthCheck("/health/ready")
    .WaitFor(silo);
api.WithEnvironment("Jwt__Secret", jwtSecret)
    .WithUrlForEndpoint("http", url => url.DisplayText = "API");
api.WithUrl($"{api.GetEndpoint("http")}/scalar/v1", "API reference");
// The OAuth issuer is the API's own address; in Development its signing keys are made at start-up (lost at restart).
api.WithEnvironment("OAuth__Issuer", api.GetEndpoint("http"));
api.OnResourceReady((_, ready, _) =>
{
    var logger = ready.Services.GetRequiredService<ILoggerFactory>().CreateLogger("UserManagement.AppHost");
    LocalRunSummary.Write(logger, settings, builder.Configuration["ASPNETCORE_URLS"] ?? "");
    return Task.CompletedTask;
});

var ingest = coHosted ? silo : builder.AddProject<Projects.UserManagement_Ingest>("ingest", launchProfileName: null)
    .WithLoopbackHttpEndpoint(settings.Ports.Ingest)
    .WithServiceSettings(settings)
    .WaitFor(silo);
ingest.WithEnvironment("AWS_ENDPOINT_URL_SQS", sqs.GetEndpoint("http"))
    .WithHttpHealthCheck("/health/live")
    .WaitFor(sqs);

builder.Services.AddHostedService<ServiceExitWatch>();

builder.Build().Run();
