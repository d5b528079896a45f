using System.Diagnostics;
using System.Net;
using UserManagement.Tests.Builders;
using UserManagement.Tests.Infrastructure;

namespace UserManagement.Tests.Api;

/// <summary>
/// An attacker who knows an owner's address keeps failing to log in as them: the attacker is held back, the owner is
/// not. Through a gateway deployed as behind the load balancer (<c>ASPNETCORE_FORWARDEDHEADERS_ENABLED</c>), where the
/// client address is the last one in <c>X-Forwarded-For</c>.
/// </summary>
[Collection(UserClusterCollection.Name)]
public sealed class LockoutTests(UserClusterFixture fixture) : IDisposable
{
    private const string WrongPassword = "not the right password";

    /// <summary>Long enough for the attacker's back-off to pass twice at the test silo's delays (3 s doubled, at most 10 s).</summary>
    private static readonly TimeSpan Attack = TimeSpan.FromSeconds(20);

    private readonly ConfiguredGateways _gateways = new(fixture);

    public void Dispose() => _gateways.Dispose();

    [Fact]
    public async Task An_attacker_paced_by_Retry_After_from_one_address_never_keeps_the_owner_out_at_another()
    {
        var factory = _gateways.Factory(BehindTheLoadBalancer);
        var owner = new GatewayClient(From(factory, ClientAddresses.Next()));
        var attacker = new GatewayClient(From(factory, ClientAddresses.Next()));
        var registration = A.Registration();
        await owner.RegisterUser(registration);

        var attack = AttackAsync(attacker, registration.EmailAddress);
        var ownersLogIns = new List<HttpStatusCode>();
        while (!attack.IsCompleted)
        {
            using var response = await owner.Login(registration.EmailAddress, registration.Password);
            ownersLogIns.Add(response.StatusCode);
            await Task.WhenAny(attack, Task.Delay(TimeSpan.FromSeconds(1.5)));
        }

        var attackersAnswers = await attack;
        Assert.All(ownersLogIns, status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.True(ownersLogIns.Count >= 5, $"The owner tried {ownersLogIns.Count} times.");
        Assert.Contains(HttpStatusCode.TooManyRequests, attackersAnswers);

        // Waiting as told, the attacker's password is checked again (and found wrong), so the back-off was the attacker's.
        var afterWaiting = attackersAnswers.SkipWhile(s => s != HttpStatusCode.TooManyRequests).Skip(1);
        Assert.Contains(HttpStatusCode.Unauthorized, afterWaiting);
    }

    [Fact]
    public async Task Strangers_at_many_addresses_reach_the_account_ceiling_yet_the_owner_logs_in_where_they_did_before()
    {
        var factory = _gateways.Factory(BehindTheLoadBalancer);
        var owner = new GatewayClient(From(factory, ClientAddresses.Next()));
        var registration = A.Registration();
        await owner.RegisterUser(registration);
        await owner.TokenFor(registration.EmailAddress, registration.Password);

        var strangers = new List<HttpStatusCode>();
        foreach (var address in ClientAddresses.Next(TestSettings.AccountFailureLimit + 1))
        {
            using var response = await new GatewayClient(From(factory, address)).Login(registration.EmailAddress, WrongPassword);
            strangers.Add(response.StatusCode);
        }

        using var ownerAgain = await owner.Login(registration.EmailAddress, registration.Password);

        Assert.All(strangers[..^1], status => Assert.Equal(HttpStatusCode.Unauthorized, status));
        Assert.Equal(HttpStatusCode.TooManyRequests, strangers[^1]);
        Assert.Equal(HttpStatusCode.OK, ownerAgain.StatusCode);
    }

    private static Dictionary<string, string?> BehindTheLoadBalancer => new() { ["ForwardedHeaders_Enabled"] = "true" };

    /// <summary>A client whose requests the load balancer forwards from <paramref name="address"/>.</summary>
    private static HttpClient From(GatewayFactory factory, IPAddress address)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-Forwarded-For", address.ToString());
        return client;
    }

    /// <summary>Wrong passwords for <see cref="Attack"/>, each sent as soon as the last answer's <c>Retry-After</c> allows.</summary>
    private static async Task<List<HttpStatusCode>> AttackAsync(GatewayClient attacker, string emailAddress)
    {
        var answers = new List<HttpStatusCode>();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < Attack)
        {
            using var response = await attacker.Login(emailAddress, WrongPassword);
            answers.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1));
            }
        }

        return answers;
    }
}
