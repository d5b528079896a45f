using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using UserManagement.Grains.Events;

namespace UserManagement.Tests.Events;

public sealed class EventBridgePublisherTests : IAsyncLifetime
{
    private const string AccessKey = PublisherServices.AccessKey;
    private const string SecretKey = PublisherServices.SecretKey;
    private const string Region = PublisherServices.Region;
    private const string BusName = PublisherServices.BusName;
    private const string Source = PublisherServices.Source;
    private const string UserCreated = PublisherServices.UserCreated;

    private readonly CountingCredentials _credentials = PublisherServices.Credentials();
    private readonly ConcurrentQueue<string> _logLines = new();
    private EventBridgeStandIn _standIn = null!;

    public async Task InitializeAsync() => _standIn = await EventBridgeStandIn.Start();

    public async Task DisposeAsync() => await _standIn.DisposeAsync();

    [Fact]
    public async Task A_user_created_event_arrives_signed_with_the_contract_fields()
    {
        var userId = Guid.NewGuid().ToString();
        var time = DateTimeOffset.FromUnixTimeSeconds(1_763_633_735);
        await using var services = Services();

        await Publisher(services).PutEvents([PublisherServices.UserCreatedEntry(userId) with { Time = time }], CancellationToken.None);

        var request = Assert.Single(_standIn.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("AWSEvents.PutEvents", request.Header("X-Amz-Target"));
        Assert.Equal("application/x-amz-json-1.1", request.Header("Content-Type"));
        var signed = SignatureV4.Parse(request);
        Assert.StartsWith(
            $"AWS4-HMAC-SHA256 Credential={AccessKey}/{request.Header("X-Amz-Date")[..8]}/{Region}/events/aws4_request",
            request.Header("Authorization"),
            StringComparison.Ordinal);
        Assert.Contains("host", signed.SignedHeaders);
        Assert.Contains("x-amz-date", signed.SignedHeaders);
        Assert.Contains("x-amz-target", signed.SignedHeaders);
        Assert.Contains("content-type", signed.SignedHeaders);
        Assert.Equal(SignatureV4.Expected(request, SecretKey), signed.Signature);

        var entry = Assert.Single(request.Entries());
        Assert.Equal(Source, entry.GetProperty("Source").GetString());
        Assert.Equal(UserCreated, entry.GetProperty("DetailType").GetString());
        Assert.Equal(BusName, entry.GetProperty("EventBusName").GetString());
        Assert.Equal(time.ToUnixTimeSeconds(), entry.GetProperty("Time").GetDecimal());
        var cloudEvent = JsonNode.Parse(entry.GetProperty("Detail").GetString()!)!;
        Assert.Equal(UserCreated, (string?)cloudEvent["type"]);
        Assert.Equal(userId, (string?)cloudEvent["data"]!["userId"]);
        Assert.Equal("00-4bf92f3577b34da6a3ce929d0e0e4736-a3ce929d0e0e4736-01", (string?)cloudEvent["traceparent"]);
    }

    [Fact]
    public async Task An_entry_without_a_time_is_sent_without_one()
    {
        await using var services = Services();

        await Publisher(services).PutEvents([PublisherServices.UserCreatedEntry("user-1")], CancellationToken.None);

        var entry = Assert.Single(Assert.Single(_standIn.Requests).Entries());
        Assert.False(entry.TryGetProperty("Time", out _));
    }

    [Fact]
    public async Task Server_errors_are_tried_again_each_time_signed_afresh_until_the_entry_is_accepted()
    {
        _standIn.ThenAnswer(500, InternalFailure).ThenAnswer(500, InternalFailure).ThenAnswer(500, InternalFailure);
        await using var services = Services();

        await Publisher(services).PutEvents([PublisherServices.UserCreatedEntry("user-1")], CancellationToken.None);

        Assert.Equal(4, _standIn.Requests.Count);
        Assert.Equal(4, _credentials.Requests);
        Assert.All(_standIn.Requests, request => Assert.Equal(SignatureV4.Expected(request, SecretKey), SignatureV4.Parse(request).Signature));
        var accepted = Assert.Single(_standIn.AcceptedEntries);
        Assert.Equal(UserCreated, accepted.GetProperty("DetailType").GetString());
    }

    [Fact]
    public async Task Throttling_is_tried_again()
    {
        _standIn.ThenAnswer(400, """{"__type":"ThrottlingException","message":"Rate exceeded"}""").ThenAnswer(429, "");
        await using var services = Services();

        await Publisher(services).PutEvents([PublisherServices.UserCreatedEntry("user-1")], CancellationToken.None);

        Assert.Equal(3, _standIn.Requests.Count);
        Assert.Single(_standIn.AcceptedEntries);
    }

    [Fact]
    public async Task Only_the_entries_EventBridge_failed_are_sent_again()
    {
        _standIn.ThenAnswer(200, """
            {"FailedEntryCount":1,"Entries":[{"EventId":"first"},{"ErrorCode":"InternalFailure","ErrorMessage":"try again"}]}
            """);
        await using var services = Services();

        await Publisher(services).PutEvents([PublisherServices.UserCreatedEntry("user-1"), PublisherServices.UserCreatedEntry("user-2")], CancellationToken.None);

        Assert.Equal(2, _standIn.Requests.Count);
        var retried = Assert.Single(_standIn.Requests[1].Entries());
        Assert.Equal("user-2", UserIdOf(retried));
        Assert.Equal(["user-1", "user-2"], _standIn.AcceptedEntries.Select(UserIdOf));
    }

    [Fact]
    public async Task Entries_still_failed_after_the_last_try_end_in_an_exception_naming_the_error_but_not_the_detail()
    {
        const string PersonalData = "someone.private@example.com";
        for (var answer = 0; answer < 4; answer++)
        {
            _standIn.ThenAnswer(200, """
                {"FailedEntryCount":1,"Entries":[{"ErrorCode":"InternalFailure","ErrorMessage":"Internal service error."}]}
                """);
        }

        await using var services = Services();

        var failure = await Assert.ThrowsAsync<EventPublishingException>(() =>
            Publisher(services).PutEvents([PublisherServices.UserCreatedEntry(PersonalData)], CancellationToken.None));

        Assert.Equal(4, _standIn.Requests.Count);
        Assert.Empty(_standIn.AcceptedEntries);
        var failed = Assert.Single(failure.FailedEntries);
        Assert.Equal(new FailedEventBridgeEntry(0, "InternalFailure", "Internal service error."), failed);
        Assert.Contains("InternalFailure", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(PersonalData, failure.ToString(), StringComparison.Ordinal);
        Assert.NotEmpty(_logLines);
        Assert.DoesNotContain(_logLines, line => line.Contains(PersonalData, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_request_without_an_answer_in_time_is_tried_again()
    {
        _standIn.ThenAnswer(500, InternalFailure, delay: TimeSpan.FromSeconds(30));
        await using var services = Services(new Dictionary<string, string?> { ["Events:RequestTimeout"] = "00:00:00.200" });

        await Publisher(services).PutEvents([PublisherServices.UserCreatedEntry("user-1")], CancellationToken.None);

        Assert.Equal(2, _standIn.Requests.Count);
        Assert.Single(_standIn.AcceptedEntries);
    }

    [Fact]
    public async Task An_endpoint_that_cannot_be_reached_fails_the_call_after_the_last_try()
    {
        await using var services = Services(new Dictionary<string, string?>
        {
            ["Events:ServiceUrl"] = $"http://127.0.0.1:{ClosedPort()}",
            ["Events:MaxAttempts"] = "2",
        });

        var failure = await Assert.ThrowsAsync<EventPublishingException>(() => Publisher(services).PutEvents(
            [PublisherServices.UserCreatedEntry("user-1"), PublisherServices.UserCreatedEntry("user-2")], CancellationToken.None));

        Assert.Equal([0, 1], failure.FailedEntries.Select(failed => failed.Index));
        Assert.All(failure.FailedEntries, failed => Assert.Equal("Transport", failed.ErrorCode));
    }

    [Fact]
    public async Task A_request_refused_as_invalid_is_not_tried_again()
    {
        _standIn.ThenAnswer(400, """{"__type":"ValidationException","message":"1 validation error detected"}""");
        await using var services = Services();

        var failure = await Assert.ThrowsAsync<EventPublishingException>(() =>
            Publisher(services).PutEvents([PublisherServices.UserCreatedEntry("user-1")], CancellationToken.None));

        Assert.Single(_standIn.Requests);
        Assert.Equal("ValidationException", Assert.Single(failure.FailedEntries).ErrorCode);
    }

    [Fact]
    public async Task An_entry_refused_as_malformed_is_not_tried_again_while_the_others_are()
    {
        _standIn.ThenAnswer(200, """
            {"FailedEntryCount":2,"Entries":[{"ErrorCode":"MalformedDetail","ErrorMessage":"Detail is malformed."},{"ErrorCode":"ThrottlingException","ErrorMessage":"Rate exceeded."}]}
            """);
        await using var services = Services();

        var failure = await Assert.ThrowsAsync<EventPublishingException>(() =>
            Publisher(services).PutEvents([PublisherServices.UserCreatedEntry("user-1"), PublisherServices.UserCreatedEntry("user-2")], CancellationToken.None));

        Assert.Equal(2, _standIn.Requests.Count);
        Assert.Equal("user-2", UserIdOf(Assert.Single(_standIn.Requests[1].Entries())));
        Assert.Equal("user-2", UserIdOf(Assert.Single(_standIn.AcceptedEntries)));
        Assert.Equal(new FailedEventBridgeEntry(0, "MalformedDetail", "Detail is malformed."), Assert.Single(failure.FailedEntries));
    }

    [Fact]
    public async Task More_entries_than_one_request_takes_go_in_several_requests()
    {
        await using var services = Services();
        var entries = Enumerable.Range(0, 12).Select(n => PublisherServices.UserCreatedEntry($"user-{n}")).ToList();

        await Publisher(services).PutEvents(entries, CancellationToken.None);

        Assert.Equal([10, 2], _standIn.Requests.Select(request => request.Entries().Count));
        Assert.Equal(entries.Select(entry => UserIdOf(JsonDocument.Parse(entry.Detail).RootElement)), _standIn.AcceptedEntries.Select(UserIdOf));
    }

    [Fact]
    public async Task The_service_specific_endpoint_variable_wins_over_the_configured_url()
    {
        await using var services = Services(new Dictionary<string, string?>
        {
            ["Events:ServiceUrl"] = "http://127.0.0.1:9",
            [EventBridgeOptions.EndpointVariable] = _standIn.Url.ToString(),
        });

        await Publisher(services).PutEvents([PublisherServices.UserCreatedEntry("user-1")], CancellationToken.None);

        Assert.Single(_standIn.AcceptedEntries);
    }

    [Fact]
    public async Task The_region_comes_from_AWS_REGION_when_the_section_names_none()
    {
        await using var services = Services(new Dictionary<string, string?>
        {
            ["Events:Region"] = null,
            ["AWS_REGION"] = "us-east-2",
        });

        await Publisher(services).PutEvents([PublisherServices.UserCreatedEntry("user-1")], CancellationToken.None);

        Assert.Equal("us-east-2", SignatureV4.Parse(Assert.Single(_standIn.Requests)).Region);
    }

    [Fact]
    public async Task Without_a_region_the_options_are_refused()
    {
        await using var services = Services(new Dictionary<string, string?> { ["Events:Region"] = null });

        var refusal = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<EventBridgeOptions>>().Value);

        Assert.Contains("AWS_REGION", refusal.Message, StringComparison.Ordinal);
    }

    private const string InternalFailure = """{"__type":"InternalFailure","message":"Internal service error."}""";

    /// <summary>A port of 127.0.0.1 that was free a moment ago and that nothing listens on now.</summary>
    private static int ClosedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static IEventBridgePublisher Publisher(IServiceProvider services) => services.GetRequiredService<IEventBridgePublisher>();

    private ServiceProvider Services(IDictionary<string, string?>? overrides = null) =>
        PublisherServices.Build(_standIn.Url, _credentials, _logLines, overrides);

    private static string? UserIdOf(JsonElement entry) =>
        entry.TryGetProperty("Detail", out var detail)
            ? (string?)JsonNode.Parse(detail.GetString()!)!["data"]!["userId"]
            : entry.GetProperty("data").GetProperty("userId").GetString();
}
