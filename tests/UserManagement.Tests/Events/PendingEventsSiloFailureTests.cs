using UserManagement.Tests.Builders;
using UserManagement.Tests.Cluster.Harness;
using UserManagement.Tests.Infrastructure;
using Xunit.Abstractions;

namespace UserManagement.Tests.Events;

/// <summary>
/// The service as separate processes; while EventBridge hangs, the silo holding most users with events pending is
/// killed (SIGKILL) and started again. Their reminders are in DynamoDB, so once EventBridge answers every event is
/// published, each once.
/// </summary>
public sealed class PendingEventsSiloFailureTests(ITestOutputHelper output)
{
    private const int Users = 30;

    [Fact]
    public async Task Events_pending_on_a_killed_silo_are_all_published_once_after_it_returns()
    {
        await using var cluster = await ProcessCluster.Start();
        Assert.True(await Eventually.Holds(async () => (await cluster.Events.AcceptedEntries()).Count > 0, TimeSpan.FromSeconds(60)), "the administrator's event is out");
        await cluster.Events.StopAnswering();

        // One after another, as a loaded machine can take them; each answers at once, its event left pending.
        using var http = new HttpClient { BaseAddress = cluster.Gateway.Url, Timeout = TimeSpan.FromSeconds(30) };
        var userIds = new List<string>();
        for (var registered = 0; registered < Users; registered++)
        {
            userIds.Add(await new GatewayClient(http).RegisterUser(A.Registration()));
        }

        await using var observer = await ClusterObserver.Connect(cluster);

        var (busiest, onBusiest) = await observer.BusiestSiloOf(cluster, userIds);
        output.WriteLine($"{onBusiest.Count} of {Users} users with events pending on {busiest.Name}");
        var publishedBefore = await cluster.Events.UsersWithAcceptedEvents();
        Assert.DoesNotContain(userIds, publishedBefore.Contains);

        await busiest.Kill();
        await Task.Delay(TimeSpan.FromSeconds(5));
        await busiest.Restart();
        await busiest.WaitUntilReady(TimeSpan.FromSeconds(90));
        await cluster.Events.AnswerAgain();

        async Task<int> Unpublished() => userIds.Except(await cluster.Events.UsersWithAcceptedEvents()).Count();

        Assert.True(
            await Eventually.Holds(async () => await Unpublished() == 0, TimeSpan.FromMinutes(2)),
            $"{await Unpublished()} of {Users} events were not published");
        await Task.Delay(TimeSpan.FromSeconds(2));
        var accepted = await cluster.Events.AcceptedEntries();
        Assert.All(userIds, id => Assert.Single(accepted, entry => EventBridgeEmulator.IsAbout(entry, id)));
        Assert.Equal((await cluster.Events.AcceptedEventIds()).Count, (await cluster.Events.AcceptedEventIds()).Distinct().Count());
    }
}
