using Amazon.Runtime;

namespace UserManagement.Tests.Infrastructure;

/// <summary>Where test silos publish their events: a local stand-in for EventBridge, signed with test credentials.</summary>
public static class EventSettings
{
    public const string Region = "us-east-1";
    public const string Source = "test.users";
    public const string BusName = "shared-events";

    public static AWSCredentials Credentials { get; } = new BasicAWSCredentials("AKIDTESTSILO", "test-silo-secret");

    public static Dictionary<string, string?> For(Uri standIn) => new()
    {
        ["Events:ServiceUrl"] = standIn.ToString(),
        ["Events:Region"] = Region,
        ["Events:Source"] = Source,
        ["Events:EventBusName"] = BusName,
        ["Events:RetryBaseDelay"] = "00:00:00.020",
        ["Events:RetryMaxDelay"] = "00:00:00.100",
        ["Outbox:RetryBaseDelaySeconds"] = "0.2",
        ["Outbox:RetryMaxDelaySeconds"] = "1",
        ["Outbox:SweepIntervalSeconds"] = "0.5",
    };
}
