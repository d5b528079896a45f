using System.Net;
using UserManagement.Contracts.Users;
using UserManagement.Tests.Builders;
using UserManagement.Tests.Infrastructure;

namespace UserManagement.Tests.Grains;

/// <summary>
/// Failures counted per client address with a much higher ceiling per account: a stranger's failures hold back the
/// stranger, many strangers together get no more guesses than the ceiling, and the owner's own addresses stay open.
/// </summary>
[Collection(UserClusterCollection.Name)]
public sealed class LoginThrottlingTests(UserClusterFixture fixture)
{
    private const string WrongPassword = "not the right password";

    [Fact]
    public async Task Failures_from_one_address_hold_back_that_address_and_no_other()
    {
        var (user, password) = await RegisteredAsync();
        var (attacker, owner) = (ClientAddresses.Next(), ClientAddresses.Next());

        var attempts = await FailAsync(user, attacker, TestSettings.FreeLoginAttempts + 1);
        var ownerRight = await user.LogIn(password, owner);
        var ownerWrong = await user.LogIn(new Password(WrongPassword), owner);

        Assert.All(attempts[..^1], a => Assert.Equal(LoginOutcome.InvalidCredentials, a.Outcome));
        Assert.Equal(LoginOutcome.Throttled, attempts[^1].Outcome);
        Assert.True(attempts[^1].RetryAfter > TimeSpan.Zero);
        Assert.Equal(LoginOutcome.Succeeded, ownerRight.Outcome);
        Assert.Equal(LoginOutcome.InvalidCredentials, ownerWrong.Outcome);
    }

    [Fact]
    public async Task An_IPv6_slash_64_counts_as_one_address_and_an_IPv4_mapped_address_as_its_IPv4()
    {
        var (user, _) = await RegisteredAsync();
        var network = $"2001:db8:{Random.Shared.Next(0x10000):x}:{Random.Shared.Next(0x10000):x}";
        for (var host = 1; host <= TestSettings.FreeLoginAttempts; host++)
        {
            Assert.Equal(LoginOutcome.InvalidCredentials, (await user.LogIn(new Password(WrongPassword), IPAddress.Parse($"{network}::{host:x}"))).Outcome);
        }

        var sameNetwork = await user.LogIn(new Password(WrongPassword), IPAddress.Parse($"{network}:ffff:ffff:ffff:ffff"));
        var v4 = ClientAddresses.Next();
        await FailAsync(user, v4.MapToIPv6(), TestSettings.FreeLoginAttempts);
        var sameV4 = await user.LogIn(new Password(WrongPassword), v4);

        Assert.Equal(LoginOutcome.Throttled, sameNetwork.Outcome);
        Assert.Equal(LoginOutcome.Throttled, sameV4.Outcome);
    }

    [Fact]
    public async Task Many_addresses_together_reach_the_account_ceiling_which_holds_back_only_addresses_the_owner_has_not_used()
    {
        var (user, password) = await RegisteredAsync();
        var ownersUsual = ClientAddresses.Next();
        Assert.Equal(LoginOutcome.Succeeded, (await user.LogIn(password, ownersUsual)).Outcome);

        var spread = await SpreadFailuresAsync(user, TestSettings.AccountFailureLimit);
        var anotherStranger = await user.LogIn(new Password(WrongPassword), ClientAddresses.Next());
        var ownerAsUsual = await user.LogIn(password, ownersUsual);
        var ownerSomewhereNew = await user.LogIn(password, ClientAddresses.Next());

        Assert.All(spread, a => Assert.Equal(LoginOutcome.InvalidCredentials, a.Outcome));
        Assert.Equal(LoginOutcome.Throttled, anotherStranger.Outcome);
        Assert.True(anotherStranger.RetryAfter > TimeSpan.Zero);
        Assert.Equal(LoginOutcome.Succeeded, ownerAsUsual.Outcome);
        Assert.Equal(LoginOutcome.Throttled, ownerSomewhereNew.Outcome); // the model's limit, as the README says
    }

    [Fact]
    public async Task An_unknown_address_is_throttled_per_address_and_per_account_exactly_as_a_real_account()
    {
        var (known, _) = await RegisteredAsync();
        var unknown = fixture.Grains.GetUserByEmailAddress($"nobody-{Guid.NewGuid():N}@example.com");

        var answers = await Task.WhenAll(OutcomesOfAnAttackOn(known), OutcomesOfAnAttackOn(unknown));

        Assert.Equal(answers[0], answers[1]);
        Assert.Contains(LoginOutcome.Throttled, answers[1]);
        Assert.Null(await unknown.GetDetails());
    }

    private static async Task<LoginOutcome[]> OutcomesOfAnAttackOn(IUserGrain account)
    {
        var oneAddress = await FailAsync(account, ClientAddresses.Next(), TestSettings.FreeLoginAttempts + 1);
        var spread = await SpreadFailuresAsync(account, TestSettings.AccountFailureLimit - TestSettings.FreeLoginAttempts);
        var afterTheCeiling = await account.LogIn(new Password(WrongPassword), ClientAddresses.Next());
        return [.. oneAddress.Concat(spread).Append(afterTheCeiling).Select(a => a.Outcome)];
    }

    private async Task<(IUserGrain User, Password Password)> RegisteredAsync()
    {
        var registration = A.Registration();
        var user = fixture.Grains.GetUserByEmailAddress(registration.EmailAddress);
        await user.Register(registration.Build());
        return (user, new Password(registration.Password));
    }

    private static async Task<LoginResult[]> FailAsync(IUserGrain user, IPAddress from, int attempts)
    {
        var results = new LoginResult[attempts];
        for (var attempt = 0; attempt < attempts; attempt++)
        {
            results[attempt] = await user.LogIn(new Password(WrongPassword), from);
        }

        return results;
    }

    /// <summary>One wrong password from each of <paramref name="total"/> fresh addresses, or until they are held back.</summary>
    private static async Task<LoginResult[]> SpreadFailuresAsync(IUserGrain user, int total)
    {
        var results = new List<LoginResult>(total);
        while (results.Count < total)
        {
            results.Add(await user.LogIn(new Password(WrongPassword), ClientAddresses.Next()));
        }

        return [.. results];
    }
}
