using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using UserManagement.Events.EventBridge;
using UserManagement.Grains.Outbox;

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
    private EventBridgeEmulator _standIn = null!;

    public async Task InitializeAsync() => _standIn = await EventBridgeEmulator.Start();

    public async Task DisposeAsync() => await _standIn.DisposeAsync();

    [Fact]
    public async Task A_user_created_event_arrives_signed_with_the_contract_fields()
    {
        var userId = Guid.NewGuid().ToString();
        var time = DateTimeOffset.FromUnixTimeSeconds(1_763_633_735);
        await using var services = Services();

        var outcomes = await Publisher(services).PublishOnce([PublisherServices.UserCreatedEvent(userId) with { Time = time }], CancellationToken.None);

        Assert.Equal(PublishResult.Accepted, Assert.Single(outcomes).Result);

        var request = Assert.Single(await _standIn.Requests());
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
    public async Task Each_call_is_one_request_signed_afresh_even_when_it_fails()
    {
        await _standIn.ThenAnswer(500, InternalFailure);
        await using var services = Services();
        var sent = PublisherServices.UserCreatedEvent("user-1");

        var failed = Assert.Single(await Publisher(services).PublishOnce([sent], CancellationToken.None));
        var accepted = Assert.Single(await Publisher(services).PublishOnce([sent], CancellationToken.None));

        Assert.Equal(new EventOutcome(sent.Id, PublishResult.Transient, "InternalFailure", "Internal service error."), failed);
        Assert.Equal(new EventOutcome(sent.Id, PublishResult.Accepted), accepted);
        Assert.Equal(2, (await _standIn.Requests()).Count);
        Assert.Equal(2, _credentials.Requests);
        Assert.All(await _standIn.Requests(), request => Assert.Equal(SignatureV4.Expected(request, SecretKey), SignatureV4.Parse(request).Signature));
    }

    [Theory]
    [InlineData(400, """{"__type":"ThrottlingException","message":"Rate exceeded"}""", "ThrottlingException")]
    [InlineData(429, "", "Http429")]
    [InlineData(400, """{"__type":"com.amazonaws.events#TooManyRequestsException"}""", "TooManyRequestsException")]
    public async Task Throttling_is_told_apart_from_other_failures(int status, string body, string code)
    {
        await _standIn.ThenAnswer(status, body);
        await using var services = Services();

        var outcome = Assert.Single(await Publisher(services).PublishOnce([PublisherServices.UserCreatedEvent("user-1")], CancellationToken.None));

        Assert.Equal((PublishResult.Throttled, code), (outcome.Result, outcome.ErrorCode));
        Assert.Single(await _standIn.Requests());
    }

    [Theory]
    [InlineData(500, InternalFailure, PublishResult.Transient)]
    [InlineData(503, "<html>Service Unavailable</html>", PublishResult.Transient)]
    [InlineData(400, """{"__type":"AccessDeniedException","message":"not authorized to put events"}""", PublishResult.Permanent)]
    [InlineData(400, """{"__type":"ResourceNotFoundException","message":"Event bus shared-events does not exist."}""", PublishResult.Permanent)]
    [InlineData(400, """{"__type":"ValidationException","message":"1 validation error detected"}""", PublishResult.Permanent)]
    [InlineData(403, """{"__type":"UnrecognizedClientException","message":"The security token included in the request is invalid."}""", PublishResult.Permanent)]
    [InlineData(400, """{"__type":"ExpiredTokenException","message":"The security token included in the request is expired"}""", PublishResult.Transient)]
    public async Task A_refused_request_is_classified_by_whether_another_try_can_get_past_it(int status, string body, PublishResult expected)
    {
        await _standIn.ThenAnswer(status, body);
        await using var services = Services();

        var outcome = Assert.Single(await Publisher(services).PublishOnce([PublisherServices.UserCreatedEvent("user-1")], CancellationToken.None));

        Assert.Equal(expected, outcome.Result);
        Assert.NotNull(outcome.ErrorCode);
        Assert.Single(await _standIn.Requests());
    }

    [Fact]
    public async Task Entries_EventBridge_refused_within_a_successful_answer_have_outcomes_of_their_own()
    {
        await _standIn.ThenAnswer(200, """
            {"FailedEntryCount":3,"Entries":[{"EventId":"first"},{"ErrorCode":"InternalFailure","ErrorMessage":"try again"},
            {"ErrorCode":"MalformedDetail","ErrorMessage":"Detail is malformed."},{"ErrorCode":"ThrottlingException","ErrorMessage":"Rate exceeded."}]}
            """);
        await using var services = Services();
        var events = Enumerable.Range(1, 4).Select(n => PublisherServices.UserCreatedEvent($"user-{n}")).ToList();

        var outcomes = await Publisher(services).PublishOnce(events, CancellationToken.None);

        Assert.Equal(
            [
                new EventOutcome(events[0].Id, PublishResult.Accepted),
                new EventOutcome(events[1].Id, PublishResult.Transient, "InternalFailure", "try again"),
                new EventOutcome(events[2].Id, PublishResult.Permanent, "MalformedDetail", "Detail is malformed."),
                new EventOutcome(events[3].Id, PublishResult.Throttled, "ThrottlingException", "Rate exceeded."),
            ],
            outcomes);
        Assert.Single(await _standIn.Requests());
        Assert.Equal("user-1", UserIdOf(Assert.Single(await _standIn.AcceptedEntries())));
    }

    [Fact]
    public async Task A_request_without_an_answer_in_time_is_a_transient_failure_after_the_timeout()
    {
        await _standIn.StopAnswering();
        await using var services = Services(new Dictionary<string, string?> { ["Events:RequestTimeout"] = "00:00:00.300" });

        var outcome = Assert.Single(await Publisher(services).PublishOnce([PublisherServices.UserCreatedEvent("user-1")], CancellationToken.None));

        Assert.Equal((PublishResult.Transient, "Timeout"), (outcome.Result, outcome.ErrorCode));
        Assert.Single(await _standIn.Requests());
    }

    [Fact]
    public async Task An_endpoint_that_cannot_be_reached_is_a_transient_failure_of_every_event()
    {
        await using var services = Services(new Dictionary<string, string?> { ["Events:ServiceUrl"] = $"http://127.0.0.1:{LoopbackPorts.Free()}" });

        var outcomes = await Publisher(services).PublishOnce(
            [PublisherServices.UserCreatedEvent("user-1"), PublisherServices.UserCreatedEvent("user-2")], CancellationToken.None);

        Assert.Equal(2, outcomes.Count);
        Assert.All(outcomes, outcome => Assert.Equal((PublishResult.Transient, "Transport"), (outcome.Result, outcome.ErrorCode)));
    }

    [Fact]
    public async Task An_answer_that_is_not_a_PutEvents_result_is_a_transient_failure()
    {
        await _standIn.ThenAnswer(200, """{"Entries":[]}""");
        await using var services = Services();

        var outcome = Assert.Single(await Publisher(services).PublishOnce([PublisherServices.UserCreatedEvent("user-1")], CancellationToken.None));

        Assert.Equal((PublishResult.Transient, "MalformedResponse"), (outcome.Result, outcome.ErrorCode));
    }

    [Fact]
    public async Task More_events_than_one_request_takes_go_in_several_requests_with_an_outcome_each_in_order()
    {
        await using var services = Services();
        var events = Enumerable.Range(0, 12).Select(n => PublisherServices.UserCreatedEvent($"user-{n}")).ToList();

        var outcomes = await Publisher(services).PublishOnce(events, CancellationToken.None);

        Assert.Equal([10, 2], (await _standIn.Requests()).Select(request => request.Entries().Count));
        Assert.Equal(events.Select(e => e.Id), outcomes.Select(outcome => outcome.EventId));
        Assert.All(outcomes, outcome => Assert.Equal(PublishResult.Accepted, outcome.Result));
        Assert.Equal(events.Select(e => UserIdOf(JsonDocument.Parse(e.Detail).RootElement)), (await _standIn.AcceptedEntries()).Select(UserIdOf));
    }

    [Fact]
    public async Task The_service_specific_endpoint_variable_wins_over_the_configured_url()
    {
        await using var services = Services(new Dictionary<string, string?>
        {
            ["Events:ServiceUrl"] = "http://127.0.0.1:9",
            [EventBridgeOptions.EndpointVariable] = _standIn.Url.ToString(),
        });

        await Publisher(services).PublishOnce([PublisherServices.UserCreatedEvent("user-1")], CancellationToken.None);

        Assert.Single(await _standIn.AcceptedEntries());
    }

    [Fact]
    public async Task The_region_comes_from_AWS_REGION_when_the_section_names_none()
    {
        await using var services = Services(new Dictionary<string, string?>
        {
            ["Events:Region"] = null,
            ["AWS_REGION"] = "us-east-2",
        });

        await Publisher(services).PublishOnce([PublisherServices.UserCreatedEvent("user-1")], CancellationToken.None);

        Assert.Equal("us-east-2", SignatureV4.Parse(Assert.Single(await _standIn.Requests())).Region);
    }

    [Fact]
    public async Task Without_a_region_the_options_are_refused()
    {
        await using var services = Services(new Dictionary<string, string?> { ["Events:Region"] = null });

        var refusal = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<EventBridgeOptions>>().Value);

        Assert.Contains("AWS_REGION", refusal.Message, StringComparison.Ordinal);
    }

    private const string InternalFailure = """{"__type":"InternalFailure","message":"Internal service error."}""";

    private static IEventPublisher Publisher(IServiceProvider services) => services.GetRequiredService<IEventPublisher>();

    private ServiceProvider Services(IDictionary<string, string?>? overrides = null) =>
        PublisherServices.Build(_standIn.Url, _credentials, _logLines, overrides);

    private static string? UserIdOf(JsonElement entry) =>
        entry.TryGetProperty("Detail", out var detail)
            ? (string?)JsonNode.Parse(detail.GetString()!)!["data"]!["userId"]
            : entry.GetProperty("data").GetProperty("userId").GetString();
}
