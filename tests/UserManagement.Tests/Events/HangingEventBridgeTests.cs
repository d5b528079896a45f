using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using UserManagement.Tests.Builders;
using Xunit.Abstractions;

namespace UserManagement.Tests.Events;

/// <summary>
/// EventBridge taking requests and never answering them must not reach a user: while it hangs, the user who has just
/// registered logs in and is read as fast as ever, and once it answers again the event is published once.
/// </summary>
[Collection(MeasuredAloneCollection.Name)]
public sealed class HangingEventBridgeTests(ITestOutputHelper output)
{
    /// <summary>
    /// The property asked for is that a user's calls do not wait on EventBridge, which only a deadline per call can show.
    /// A log-in is an Argon2id verification (about 150 ms here) and a read is a millisecond; a call that waited on a
    /// single hung request would take the whole request timeout (3 s here) and more. One second sits far from both.
    /// </summary>
    /// <remarks>
    /// The machine is shared, and at times it is the machine that is slow: so each call is paired with the same call for
    /// a user with nothing pending, made right after. A call over the deadline fails the test unless its pair was slow
    /// too (over half the deadline), and the pending user's calls must be as fast as the other's on the whole.
    /// </remarks>
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(1);

    private static readonly TimeSpan HangingFor = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task While_EventBridge_hangs_the_new_user_logs_in_and_is_read_in_well_under_a_second_and_the_event_is_published_once_after()
    {
        // Enough attempts for a minute of back-offs (this is about waiting, not parking), and a request timeout that a
        // call waiting on EventBridge would show plainly.
        await using var cluster = await OutboxCluster.Start(new Dictionary<string, string?>
        {
            ["Outbox:MaxAttempts"] = "1000",
            ["Events:RequestTimeout"] = "00:00:03",
        });
        var settled = A.Registration();
        var settledId = await cluster.Gateway.RegisterUser(settled);
        Assert.True(await Eventually.Holds(async () => (await cluster.Events.AcceptedFor(settledId)).Count > 0, TimeSpan.FromSeconds(30)));
        await cluster.Events.StopAnswering();
        var registration = A.Registration();
        var userId = await cluster.Gateway.RegisterUser(registration);

        var timings = new List<(string Call, TimeSpan Pending, TimeSpan Settled)>();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < HangingFor)
        {
            var (token, login) = await Timed(() => LogIn(cluster, registration));
            var (settledToken, settledLogin) = await Timed(() => LogIn(cluster, settled));
            var (user, read) = await Timed(() => Read(cluster, userId, token));
            var (_, settledRead) = await Timed(() => Read(cluster, settledId, settledToken));
            Assert.Equal(userId, user);
            timings.Add(("log-in", login, settledLogin));
            timings.Add(("read", read, settledRead));
            await Task.Delay(200);
        }

        var triesWhileHanging = (await cluster.Events.EventIdsSentFor(userId)).Count;
        foreach (var call in timings.GroupBy(t => t.Call))
        {
            output.WriteLine($"{call.Key}: {call.Count()} calls; with an event pending {Summary(call.Select(t => t.Pending))}, " +
                $"with none {Summary(call.Select(t => t.Settled))}");
            Assert.True(
                Median(call.Select(t => t.Pending)) < Median(call.Select(t => t.Settled)) * 1.5 + TimeSpan.FromMilliseconds(50),
                $"{call.Key}s of the user with an event pending are slower than of the user with none");
        }

        output.WriteLine($"{triesWhileHanging} PutEvents requests taken and left unanswered meanwhile");
        // A call held behind a hanging publish would wait for it every time; one stalled by the loaded machine (a
        // collection, the hashing thread) is an exception, which the user with nothing pending meets as often.
        var slow = timings.Where(timing => timing.Pending >= Deadline && timing.Settled <= Deadline / 2).ToList();
        Assert.True(
            slow.Count * 10 <= timings.Count,
            $"{slow.Count} of {timings.Count} calls of the user with an event pending took {Deadline.TotalMilliseconds:F0} ms or more: " +
            string.Join(", ", slow.Select(timing => $"a {timing.Call} {timing.Pending.TotalMilliseconds:F0} ms (nothing pending: {timing.Settled.TotalMilliseconds:F0} ms)")));
        Assert.True(triesWhileHanging >= 2, "EventBridge was tried, and tried again, while it hung");
        Assert.Empty(await cluster.Events.AcceptedFor(userId));

        await cluster.Events.AnswerAgain();

        Assert.True(await Eventually.Holds(async () => (await cluster.Events.AcceptedFor(userId)).Count > 0, TimeSpan.FromSeconds(30)), "published after");
        await Task.Delay(TimeSpan.FromSeconds(2));
        var published = Assert.Single(await cluster.Events.AcceptedFor(userId));
        Assert.All(await cluster.Events.EventIdsSentFor(userId), id => Assert.Equal(EventBridgeEmulator.EventIdOf(published), id));
        Assert.Empty(await cluster.OutgoingEventsOf(userId));
    }

    private static TimeSpan Median(IEnumerable<TimeSpan> took) => took.Order().ElementAt(took.Count() / 2);

    private static string Summary(IEnumerable<TimeSpan> took)
    {
        var sorted = took.Select(t => t.TotalMilliseconds).Order().ToList();
        return $"median {sorted[sorted.Count / 2]:F0} ms, slowest {sorted[^1]:F0} ms";
    }

    private static async Task<string> LogIn(OutboxCluster cluster, RegistrationBuilder registration)
    {
        using var response = await cluster.Gateway.Login(registration.EmailAddress, registration.Password);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (string)(await response.Content.ReadFromJsonAsync<JsonObject>())!["data"]!["token"]!;
    }

    private static async Task<string> Read(OutboxCluster cluster, string userId, string token)
    {
        using var response = await cluster.Gateway.GetUser(userId, token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (string)(await response.Content.ReadFromJsonAsync<JsonObject>())!["data"]!["userId"]!;
    }

    private static async Task<(T Result, TimeSpan Took)> Timed<T>(Func<Task<T>> call)
    {
        var started = Stopwatch.GetTimestamp();
        var result = await call();
        return (result, Stopwatch.GetElapsedTime(started));
    }
}
