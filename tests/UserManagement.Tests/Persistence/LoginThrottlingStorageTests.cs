using System.Net;
using Amazon.DynamoDBv2.DocumentModel;
using Amazon.DynamoDBv2.Model;
using UserManagement.Contracts.Users;
using UserManagement.Tests.Builders;
using UserManagement.Tests.Ingest;
using UserManagement.Tests.Persistence.FaultInjection;

namespace UserManagement.Tests.Persistence;

/// <summary>
/// Log-in throttling on DynamoDB: it fails closed when failures cannot be stored, and what it stores stays small
/// however many addresses an attacker uses. The back-off here is a minute, so no attempt the policy holds back can
/// slip through while a test runs.
/// </summary>
[Collection(DynamoDBCollection.Name)]
public sealed class LoginThrottlingStorageTests(LoginThrottlingStorageTests.SlowBackOffCluster faulty)
    : IClassFixture<LoginThrottlingStorageTests.SlowBackOffCluster>
{
    private const int FreeAttempts = 5;
    private const int AccountFailureLimit = 10;
    private const string WrongPassword = "not the password at all";

    [Fact]
    public async Task While_DynamoDB_refuses_every_write_no_more_guesses_are_checked_than_the_policy_allows()
    {
        var (user, key, _) = await RegisteredAsync();
        faulty.Proxy.Inject(DynamoDBFault.ServerErrorWithoutApplying, "PutItem", key, times: 100_000);
        var attacker = ClientAddresses.Next();

        var guesses = await GuessAsync(user, attacker, FreeAttempts + 5);

        // Another write fails, so the grain reads its state again: the stored state knows of no failure, memory does.
        await Assert.ThrowsAnyAsync<Exception>(() => user.RecordCompletedOrder(new CompletedOrder($"order-{Guid.NewGuid():N}")));
        var afterTheReload = await GuessAsync(user, attacker, 3);

        Assert.Equal(FreeAttempts, guesses.Count(g => g == LoginOutcome.InvalidCredentials));
        Assert.All(guesses.Skip(FreeAttempts), g => Assert.Equal(LoginOutcome.Throttled, g));
        Assert.All(afterTheReload, g => Assert.Equal(LoginOutcome.Throttled, g));
        Assert.True(faulty.Proxy.FaultsDoneTo(key) > 0);

        // Once DynamoDB takes writes again the count is stored, exactly once each.
        faulty.Proxy.Heal(key);
        await Eventually.Until(async () => FaultyDynamoDBFixture.StoredFailures(await faulty.StoredStateAsync(key), attacker.ToString()) == FreeAttempts, "the failures to be stored");
    }

    [Fact]
    public async Task While_DynamoDB_refuses_every_write_many_addresses_together_get_no_more_than_the_account_ceiling()
    {
        var (user, key, _) = await RegisteredAsync();
        faulty.Proxy.Inject(DynamoDBFault.ServerErrorWithoutApplying, "PutItem", key, times: 100_000);

        var guesses = new List<LoginOutcome>();
        foreach (var address in ClientAddresses.Next(AccountFailureLimit + 3))
        {
            guesses.AddRange(await GuessAsync(user, address, 1));
        }

        Assert.Equal(AccountFailureLimit, guesses.Count(g => g == LoginOutcome.InvalidCredentials));
        Assert.All(guesses.Skip(AccountFailureLimit), g => Assert.Equal(LoginOutcome.Throttled, g));
        faulty.Proxy.Heal(key);
    }

    [Fact]
    public async Task The_stored_counts_stay_small_however_many_addresses_fail_or_log_in()
    {
        var (attacked, attackedKey, _) = await RegisteredAsync();
        var strangers = ClientAddresses.Next(AccountFailureLimit);
        foreach (var address in strangers)
        {
            await GuessAsync(attacked, address, 1);
        }

        var (travelling, travellingKey, password) = await RegisteredAsync();
        var places = ClientAddresses.Next(12);
        foreach (var address in places)
        {
            Assert.Equal(LoginOutcome.Succeeded, (await travelling.LogIn(password, address)).Outcome);
        }

        // Written after the answers: wait for the last of them.
        var attackedLogins = await StoredLoginsOnceTheyHold(attackedKey, "Failures", strangers[^1]);
        var travellingLogins = await StoredLoginsOnceTheyHold(travellingKey, "KnownAddresses", places[^1]);
        Assert.Equal(8, attackedLogins["Failures"].L.Count);
        Assert.Equal(5, travellingLogins["KnownAddresses"].L.Count);
        Assert.InRange(JsonBytes(attackedLogins), 1, 1_500);
        Assert.InRange(JsonBytes(travellingLogins), 1, 1_500);
    }

    private async Task<Dictionary<string, AttributeValue>> StoredLoginsOnceTheyHold(string key, string list, IPAddress address)
    {
        Dictionary<string, AttributeValue> logins = [];
        await Eventually.Until(
            async () =>
            {
                logins = (await faulty.StoredStateAsync(key))["Logins"].M;
                return logins[list].L.Exists(entry => entry.M["Address"].S == address.ToString());
            },
            $"{address} to be stored in {list}");
        return logins;
    }

    private static async Task<LoginOutcome[]> GuessAsync(IUserGrain user, IPAddress from, int guesses)
    {
        var outcomes = new LoginOutcome[guesses];
        for (var guess = 0; guess < guesses; guess++)
        {
            outcomes[guess] = (await user.LogIn(new Password(WrongPassword), from)).Outcome;
        }

        return outcomes;
    }

    private static int JsonBytes(Dictionary<string, AttributeValue> map) =>
        System.Text.Encoding.UTF8.GetByteCount(Document.FromAttributeMap(map).ToJson());

    private async Task<(IUserGrain User, string Key, Password Password)> RegisteredAsync()
    {
        var registration = A.Registration();
        var (user, key) = await faulty.RegisteredAsync(registration);
        return (user, key, new Password(registration.Password));
    }

    /// <summary>The faulty cluster with a back-off that starts at a minute and an account ceiling of ten.</summary>
    public sealed class SlowBackOffCluster(DynamoDBFixture dynamo) : FaultyDynamoDBFixture(dynamo, new Dictionary<string, string?>
    {
        ["LoginThrottling:FreeAttempts"] = $"{FreeAttempts}",
        ["LoginThrottling:BaseDelay"] = "00:01:00",
        ["LoginThrottling:MaxDelay"] = "00:10:00",
        ["LoginThrottling:AccountFailureLimit"] = $"{AccountFailureLimit}",
    });
}
