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
        // Long enough that a loaded machine's slow answer is not taken for a lost one (and the event sent again, as it
        // then must be); the tests that want a timeout set a shorter one.
        ["Events:RequestTimeout"] = "00:00:05",
        ["Outbox:RetryBaseDelay"] = "00:00:00.200",
        ["Outbox:RetryMaxDelay"] = "00:00:01",
        ["Outbox:AttemptTimeout"] = "00:00:10",
        ["Orleans:ReminderService:MinimumReminderPeriod"] = "00:00:05",
    };
}
