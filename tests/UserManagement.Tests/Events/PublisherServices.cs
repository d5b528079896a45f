using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using UserManagement.Events.EventBridge;
using UserManagement.Grains.Outbox;

namespace UserManagement.Tests.Events;

/// <summary>The EventBridge publisher as a host registers it, pointed at a local endpoint and signing with known test credentials.</summary>
public static class PublisherServices
{
    public const string AccessKey = "AKIDEVENTSTEST";
    public const string SecretKey = "events-test-secret-key";
    public const string Region = "eu-west-1";
    public const string BusName = "shared-events";
    public const string Source = "test.users";
    public const string UserCreated = "users.userCreated.v1";

    public static CountingCredentials Credentials() => new(AccessKey, SecretKey);

    public static ServiceProvider Build(
        Uri endpoint,
        AWSCredentials credentials,
        ConcurrentQueue<string> logLines,
        IDictionary<string, string?>? overrides = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Events:ServiceUrl"] = endpoint.ToString(),
            ["Events:Region"] = Region,
            ["Events:EventBusName"] = BusName,
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddLogging(logging => logging.AddProvider(new RecordingLoggerProvider(logLines)).SetMinimumLevel(LogLevel.Trace));
        services.AddSingleton(credentials);
        services.AddEventBridgePublisher();
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    /// <summary>An event as the outbox hands it over: the contract's CloudEvent for a new user.</summary>
    public static OutgoingEvent UserCreatedEvent(string userId)
    {
        var id = Guid.NewGuid().ToString();
        return new OutgoingEvent(
            id,
            Source,
            UserCreated,
            new JsonObject
            {
                ["specversion"] = "1.0",
                ["id"] = id,
                ["source"] = Source,
                ["type"] = UserCreated,
                ["time"] = "1763633735000",
                ["datacontenttype"] = "application/json",
                ["traceparent"] = "00-4bf92f3577b34da6a3ce929d0e0e4736-a3ce929d0e0e4736-01",
                ["data"] = new JsonObject { ["userId"] = userId },
            }.ToJsonString(),
            DateTimeOffset.FromUnixTimeSeconds(1_763_633_735),
            "00-4bf92f3577b34da6a3ce929d0e0e4736-a3ce929d0e0e4736-01");
    }
}
