using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using UserManagement.Contracts.Users;
using UserManagement.Tests.Builders;
using UserManagement.Tests.Infrastructure;

namespace UserManagement.Tests.Events;

/// <summary>
/// What the outbox does with each of EventBridge's answers: retries what another try can get past, parks what it cannot,
/// and sends the same CloudEvent id on every try.
/// </summary>
public sealed class OutboxRetryTests
{
    private const string InternalFailure = """{"__type":"InternalFailure","message":"Internal service error."}""";
    private const string AccessDenied = """{"__type":"AccessDeniedException","message":"User is not authorized to perform: events:PutEvents"}""";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Server_errors_are_retried_until_the_event_is_published_once_with_the_same_id_on_every_try()
    {
        await using var cluster = await OutboxCluster.Start();
        await cluster.Events.ThenAnswer(500, InternalFailure);
        await cluster.Events.ThenAnswer(500, InternalFailure);
        await cluster.Events.ThenAnswer(503, "");

        var userId = await cluster.Register(A.Registration());

        var sent = await PublishedOnce(cluster, userId);
        Assert.Equal(4, sent.Count);
        Assert.Equal(3, cluster.Counted("outbox.attempts.failed"));
        Assert.Empty(await cluster.OutgoingEventsOf(userId));
    }

    [Fact]
    public async Task Throttling_is_retried_after_the_back_off_and_the_event_published_once()
    {
        await using var cluster = await OutboxCluster.Start();
        await cluster.Events.ThenAnswer(400, """{"__type":"ThrottlingException","message":"Rate exceeded"}""");
        await cluster.Events.ThenAnswer(429, "");

        var userId = await cluster.Register(A.Registration());

        Assert.Equal(3, (await PublishedOnce(cluster, userId)).Count);
    }

    [Fact]
    public async Task An_entry_failed_within_a_successful_answer_is_retried_and_published_once()
    {
        await using var cluster = await OutboxCluster.Start();
        await cluster.Events.ThenAnswer(200, """{"FailedEntryCount":1,"Entries":[{"ErrorCode":"InternalFailure","ErrorMessage":"Internal error."}]}""");

        var userId = await cluster.Register(A.Registration());

        Assert.Equal(2, (await PublishedOnce(cluster, userId)).Count);
    }

    [Fact]
    public async Task Access_denied_parks_the_event_at_once_counted_and_logged_until_an_operator_publishes_it_again()
    {
        await using var cluster = await OutboxCluster.Start();
        await cluster.Events.ThenAnswer(400, AccessDenied);

        var userId = await cluster.Register(A.Registration());

        var parked = await ParkedEventOf(cluster, userId);
        Assert.Equal(1, parked.Attempts);
        Assert.Null(parked.NextAttemptAt);
        Assert.StartsWith("AccessDeniedException", parked.LastError, StringComparison.Ordinal);
        await Task.Delay(TimeSpan.FromSeconds(2)); // several back-offs: a parked event is not tried again
        Assert.Single(await cluster.Events.EventIdsSentFor(userId));
        Assert.Equal(1, cluster.Counted("outbox.events.parked"));
        Assert.Contains(CapturedTelemetry.Logs.Lines, line =>
            line.Contains("Outbox event parked", StringComparison.Ordinal)
            && line.Contains(userId, StringComparison.Ordinal)
            && line.Contains("AccessDeniedException", StringComparison.Ordinal));

        using var listed = await AsAdministrator(cluster, HttpMethod.Get, $"/admin/users/{userId}/events");
        var shown = Assert.Single((await listed.Content.ReadFromJsonAsync<JsonObject>())!["data"]!.AsArray())!;
        Assert.Equal(parked.EventId, (string?)shown["eventId"]);
        Assert.Equal("users.userCreated.v1", (string?)shown["eventType"]);
        Assert.StartsWith("AccessDeniedException", (string?)shown["lastError"], StringComparison.Ordinal);
        Assert.NotNull((string?)shown["parkedAt"]);

        using var republish = await AsAdministrator(cluster, HttpMethod.Post, $"/admin/users/{userId}/events/republish");

        Assert.Equal(HttpStatusCode.OK, republish.StatusCode);
        Assert.Equal(1, (int?)(await republish.Content.ReadFromJsonAsync<JsonObject>())!["data"]!["republished"]);
        var sent = await PublishedOnce(cluster, userId);
        Assert.Equal([parked.EventId, parked.EventId], sent);
    }

    [Fact]
    public async Task An_entry_refused_as_not_authorized_within_a_successful_answer_is_parked()
    {
        await using var cluster = await OutboxCluster.Start();
        await cluster.Events.ThenAnswer(200, """{"FailedEntryCount":1,"Entries":[{"ErrorCode":"NotAuthorizedForSourceException","ErrorMessage":"Not authorized for the source."}]}""");

        var userId = await cluster.Register(A.Registration());

        Assert.StartsWith("NotAuthorizedForSourceException", (await ParkedEventOf(cluster, userId)).LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_the_last_attempt_allowed_the_event_is_parked_and_stays_parked()
    {
        await using var cluster = await OutboxCluster.Start(new Dictionary<string, string?> { ["Outbox:MaxAttempts"] = "3" });
        await cluster.Events.FailEveryRequest(500, InternalFailure);

        var userId = await cluster.Register(A.Registration());

        var parked = await ParkedEventOf(cluster, userId);
        Assert.Equal(3, parked.Attempts);
        Assert.StartsWith("InternalFailure", parked.LastError, StringComparison.Ordinal);
        await cluster.Events.AnswerAgain();
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal([parked.EventId, parked.EventId, parked.EventId], await cluster.Events.EventIdsSentFor(userId));
        Assert.Empty(await cluster.Events.AcceptedFor(userId));
        Assert.Equal(2, cluster.Counted("outbox.attempts.failed"));
        Assert.Equal(1, cluster.Counted("outbox.events.parked"));
    }

    /// <summary>
    /// Waits until the user's event is accepted, then a little longer to see that no second copy follows; answers the
    /// CloudEvent ids of every request that carried it, which are all one id.
    /// </summary>
    private static async Task<IReadOnlyList<string>> PublishedOnce(OutboxCluster cluster, string userId)
    {
        Assert.True(await Eventually.Holds(async () => (await cluster.Events.AcceptedFor(userId)).Count > 0, Patience), "the event was published");
        await Task.Delay(TimeSpan.FromSeconds(1));
        var accepted = Assert.Single(await cluster.Events.AcceptedFor(userId));
        var sent = await cluster.Events.EventIdsSentFor(userId);
        Assert.All(sent, id => Assert.Equal(EventBridgeEmulator.EventIdOf(accepted), id));
        return sent;
    }

    private static async Task<OutgoingEventStatus> ParkedEventOf(OutboxCluster cluster, string userId)
    {
        OutgoingEventStatus? parked = null;
        var found = await Eventually.Holds(
            async () => (parked = (await cluster.OutgoingEventsOf(userId)).SingleOrDefault(e => e.ParkedAt is not null)) is not null,
            Patience);
        Assert.True(found, "the event was parked");
        return parked!;
    }

    private static async Task<HttpResponseMessage> AsAdministrator(OutboxCluster cluster, HttpMethod method, string path)
    {
        var token = await cluster.Gateway.TokenFor(TestSettings.AdminEmailAddress, TestSettings.AdminPassword);
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await cluster.Gateway.Http.SendAsync(request);
    }
}
