using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using UserManagement.Grains.Outbox;
using UserManagement.Tests.Builders;
using Xunit.Abstractions;

namespace UserManagement.Tests.Events;

/// <summary>
/// Ten thousand users with events pending while EventBridge is down: registrations go on as fast as before, the index of
/// pending users is one small entry each, and after recovery every event is published exactly once.
/// </summary>
[Collection(MeasuredAloneCollection.Name)]
public sealed class PendingEventsAtScaleTests(ITestOutputHelper output)
{
    private const int PendingUsers = 10_000;
    private const int Measured = 300;
    private const string Unavailable = """{"__type":"ServiceUnavailable","message":"Service is unavailable."}""";

    [Fact]
    public async Task Ten_thousand_pending_users_leave_registration_unchanged_and_are_all_published_exactly_once_after_recovery()
    {
        await using var cluster = await OutboxCluster.Start(
            new Dictionary<string, string?>
            {
                // Production's shape at a test's scale: a back-off that grows to a cap (a minute, where production
                // waits five, so recovery fits a test), and attempts enough not to park.
                ["Outbox:RetryBaseDelay"] = "00:00:05",
                ["Outbox:RetryMaxDelay"] = "00:01:00",
                ["Outbox:MaxAttempts"] = "1000",

                // Everything here shares two cores with the stand-in: a request it has taken but not yet answered within
                // a short timeout is retried and, rightly, published twice. EventBridge answers in milliseconds; this
                // stand-in, under 10,000 users' load, may take seconds, so the timeout is long enough to hear it.
                ["Events:RequestTimeout"] = "00:00:30",
                ["Outbox:AttemptTimeout"] = "00:02:00",
            },
            builder =>
            {
                builder.AddSiloBuilderConfigurator<FastPasswordHashing>();
                builder.AddSiloBuilderConfigurator<QuietSilo>();
            });

        var before = await RegistrationLatencies(cluster, Measured);
        Assert.True(await Eventually.Holds(async () => (await cluster.Events.AcceptedEntries()).Count > Measured, TimeSpan.FromSeconds(30)));

        await cluster.Events.FailEveryRequest(503, Unavailable);
        var registering = Stopwatch.StartNew();
        var pending = await RegisterMany(cluster, PendingUsers);
        output.WriteLine($"{PendingUsers} users registered with EventBridge down in {registering.Elapsed.TotalSeconds:F1} s");
        var during = await RegistrationLatencies(cluster, Measured);
        pending.AddRange(during.UserIds);

        var reminders = await OutboxReminders(cluster);
        output.WriteLine($"registration with EventBridge up: {before}");
        output.WriteLine($"registration with {pending.Count} users pending: {during}");
        output.WriteLine($"pending index: {reminders.Count} reminders, one per user; {(await cluster.Events.Requests()).Count} PutEvents requests failed so far");
        Assert.Equal(pending.Count, reminders.Count);
        Assert.Equal(pending.ToHashSet(), reminders.Select(r => r.GrainId.Key.ToString()!).ToHashSet());
        Assert.All(await Task.WhenAll(pending.Take(50).Select(cluster.OutgoingEventsOf)), events =>
            Assert.True(events.Single() is { ParkedAt: null, Attempts: >= 0 }));

        // Not a timing assertion in the usual sense, which belongs in a benchmark: the figures are printed above, and the
        // bound is far from them. What it would catch is a registration that waits on something growing with the
        // number of pending users (an index item rewritten per registration, a lock shared by every user).
        Assert.True(during.Median < before.Median * 10 + TimeSpan.FromMilliseconds(50), $"registration went from {before} to {during}");

        await cluster.Events.AnswerAgain();
        var recovering = Stopwatch.StartNew();
        var everyone = pending.ToHashSet();
        Assert.True(
            // A minute's back-off and the work of 10,000 users after it; generous for a loaded machine.
            await Eventually.Holds(async () => everyone.IsSubsetOf(await cluster.Events.UsersWithAcceptedEvents()), TimeSpan.FromMinutes(5)),
            $"{everyone.Except(await cluster.Events.UsersWithAcceptedEvents()).Count()} users' events were not published");
        output.WriteLine($"all {pending.Count} events published {recovering.Elapsed.TotalSeconds:F1} s after EventBridge came back");
        Assert.True(await Eventually.Holds(async () => (await OutboxReminders(cluster)).Count == 0, TimeSpan.FromSeconds(30)));

        var accepted = await cluster.Events.AcceptedEventIds();
        Assert.Equal(accepted.Count, accepted.Distinct().Count());
    }

    /// <summary>Registrations one after another, each timed from call to answer.</summary>
    private static async Task<Latencies> RegistrationLatencies(OutboxCluster cluster, int count)
    {
        var userIds = new List<string>();
        var took = new List<TimeSpan>();
        for (var i = 0; i < count; i++)
        {
            var started = Stopwatch.GetTimestamp();
            userIds.Add(await cluster.Register(A.Registration()));
            took.Add(Stopwatch.GetElapsedTime(started));
        }

        return new Latencies(userIds, [.. took.Order()]);
    }

    private static async Task<List<string>> RegisterMany(OutboxCluster cluster, int count)
    {
        var userIds = new List<string>();
        foreach (var chunk in Enumerable.Range(0, count).Chunk(64))
        {
            userIds.AddRange(await Task.WhenAll(chunk.Select(_ => RegisterPatiently(cluster, A.Registration()))));
        }

        return userIds;
    }

    /// <summary>
    /// Registers as a client does, sending the same registration again when no answer came in time: while thousands of
    /// users are being made pending, the in-memory reminder table the test silo uses (one grain) can queue a call past
    /// the response timeout. A registration sent again answers the user it made.
    /// </summary>
    private static async Task<string> RegisterPatiently(OutboxCluster cluster, RegistrationBuilder registration)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await cluster.Register(registration);
            }
            catch (TimeoutException) when (attempt < 3)
            {
            }
        }
    }

    /// <summary>The outbox's wake-ups as the silo's reminder table holds them: the index of users with events pending.</summary>
    private static async Task<List<ReminderEntry>> OutboxReminders(OutboxCluster cluster)
    {
        var table = ((InProcessSiloHandle)cluster.Silo).SiloHost.Services.GetRequiredService<IReminderTable>();
        var all = await table.ReadRows(uint.MaxValue, uint.MaxValue);
        return [.. all.Reminders.Where(r => r.ReminderName == EventOutbox.ReminderName && r.GrainId.Type.ToString() == "user")];
    }

    private sealed record Latencies(List<string> UserIds, List<TimeSpan> Sorted)
    {
        public TimeSpan Median => Sorted[Sorted.Count / 2];

        public override string ToString() =>
            $"median {Median.TotalMilliseconds:F1} ms, p90 {Sorted[Sorted.Count * 9 / 10].TotalMilliseconds:F1} ms, " +
            $"p99 {Sorted[Sorted.Count * 99 / 100].TotalMilliseconds:F1} ms over {Sorted.Count}";
    }
}
