using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using UserManagement.Contracts.Passwords;
using UserManagement.Contracts.Users;
using UserManagement.Tests.Infrastructure;

namespace UserManagement.Tests.Api;

/// <summary>
/// A silo whose password hashing is saturated: what does not fit in the queue is refused at once with 503 and
/// <c>Retry-After</c>.
/// </summary>
public sealed class SaturatedHashingTests(SaturatedHashingTests.SlowHashingCluster silo) : IClassFixture<SaturatedHashingTests.SlowHashingCluster>
{
    private const int ConcurrentLogIns = 8;

    [Fact]
    public async Task Log_ins_beyond_the_queue_are_answered_503_with_Retry_After_and_no_password_checked()
    {
        var gateway = new GatewayClient(silo.Cluster.Gateway.CreateClient());
        var finished = new List<(HttpStatusCode Status, TimeSpan? RetryAfter, string? ContentType, JsonObject? Problem)>();
        var logIns = Enumerable.Range(0, ConcurrentLogIns).Select(async _ =>
        {
            using var response = await gateway.Login($"nobody-{Guid.NewGuid():N}@example.com", "some password or other");
            var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
            lock (finished)
            {
                finished.Add((response.StatusCode, response.Headers.RetryAfter?.Delta, response.Content.Headers.ContentType?.MediaType, problem));
            }
        });

        await Task.WhenAll(logIns);

        // One hash runs and two wait; at least the rest are refused (on a loaded machine a waiting hash may also pass
        // its queue deadline and be dropped the same way). Every other log-in is checked: 401, as for any unknown address.
        var refused = finished.Where(f => f.Status == HttpStatusCode.ServiceUnavailable).ToList();
        Assert.True(refused.Count >= ConcurrentLogIns - 3, $"{refused.Count} of {ConcurrentLogIns} refused");
        Assert.All(finished.Where(f => f.Status != HttpStatusCode.ServiceUnavailable), f => Assert.Equal(HttpStatusCode.Unauthorized, f.Status));
        Assert.All(refused, f =>
        {
            Assert.True(f.RetryAfter >= TimeSpan.FromSeconds(1));
            Assert.Equal("application/problem+json", f.ContentType);
            Assert.Equal(503, f.Problem!["status"]!.GetValue<int>());
        });
    }

    /// <summary>One silo hashing on one thread, slowly (about eight times the default cost), with room for two waiting hashes.</summary>
    public sealed class SlowHashingCluster : IAsyncLifetime
    {
        public UserClusterFixture Cluster { get; } = new(builder => builder.ConfigureHostConfiguration(configuration =>
            configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["PasswordHashing:MaxConcurrency"] = "1",
                ["PasswordHashing:QueueLimit"] = "2",
                ["PasswordHashing:Iterations"] = "16",
            })));

        /// <summary>The silo's meter factory, which made its hashing meter.</summary>
        public IMeterFactory MeterFactory =>
            ((InProcessSiloHandle)Cluster.Cluster.Primary!).SiloHost!.Services.GetRequiredService<IMeterFactory>();

        public Task InitializeAsync() => Cluster.InitializeAsync();

        public Task DisposeAsync() => Cluster.DisposeAsync();
    }
}

/// <summary>
/// A hash whose caller has gone is never computed. A silo of its own, so no hash left running by another test's flood
/// (its caller answered 503 at the gateway's deadline) is counted here.
/// </summary>
public sealed class AbandonedHashingTests(SaturatedHashingTests.SlowHashingCluster silo) : IClassFixture<SaturatedHashingTests.SlowHashingCluster>
{
    [Fact]
    public async Task A_log_in_whose_caller_gives_up_while_it_waits_for_a_hashing_thread_is_never_hashed()
    {
        using var measured = new HashingMeasurements(silo.MeterFactory);
        var busy = LogInAsNobody(CancellationToken.None);
        await Eventually.Until(() => Task.FromResult(measured.Started == 1), "the first hash to take the thread");
        using var caller = new CancellationTokenSource();

        var givenUp = LogInAsNobody(caller.Token);
        await Task.Delay(TimeSpan.FromMilliseconds(100));
        await caller.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => givenUp);

        // One thread takes the queue in order: once a log-in sent after the abandoned one is answered, its turn has passed.
        var after = LogInAsNobody(CancellationToken.None);
        Assert.Equal(LoginOutcome.InvalidCredentials, (await busy).Outcome);
        Assert.Equal(LoginOutcome.InvalidCredentials, (await after).Outcome);
        Assert.Equal(2, measured.Computed);
    }

    private Task<LoginResult> LogInAsNobody(CancellationToken cancellationToken) =>
        silo.Cluster.Grains.GetUserByEmailAddress($"nobody-{Guid.NewGuid():N}@example.com")
            .LogIn(new Password("some password or other"), cancellationToken: cancellationToken);
}
