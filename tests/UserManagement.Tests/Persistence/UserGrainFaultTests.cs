using Amazon.DynamoDBv2.Model;
using UserManagement.Contracts.Users;
using UserManagement.Tests.Builders;
using UserManagement.Tests.Ingest;
using UserManagement.Tests.Persistence.FaultInjection;
using UserManagement.Grains.Users;

namespace UserManagement.Tests.Persistence;

/// <summary>
/// Registration, order counting and log-in while DynamoDB's answers are lost, late or failed: nothing stored is lost,
/// nothing is counted twice, and a registration is never answered with a false 409. A client that got an error tries
/// once more, as the gateway's callers and the ingest worker's redeliveries do; by then the fault has passed.
/// </summary>
[Collection(DynamoDBCollection.Name)]
public sealed class UserGrainFaultTests(FaultyDynamoDBFixture faulty) : IClassFixture<FaultyDynamoDBFixture>
{
    private const string WrongPassword = "not the password at all";

    /// <summary>The faults by name, so each shows as a case of its own.</summary>
    private static readonly Dictionary<string, (DynamoDBFault Fault, TimeSpan Delay, int Times)> Faults = new()
    {
        ["connection reset after the write"] = (DynamoDBFault.ResetAfterApplying, TimeSpan.Zero, 1),
        ["500 after the write"] = (DynamoDBFault.ServerErrorAfterApplying, TimeSpan.Zero, 1),
        ["answer after the storage's timeout"] = (DynamoDBFault.DelayedAnswer, FaultyDynamoDBFixture.PastTheTimeout, 1),
        ["slow answer"] = (DynamoDBFault.DelayedAnswer, TimeSpan.FromMilliseconds(500), 1),
        ["500 without the write, once"] = (DynamoDBFault.ServerErrorWithoutApplying, TimeSpan.Zero, 1),
        ["500 without the write, on every try"] = (DynamoDBFault.ServerErrorWithoutApplying, TimeSpan.Zero, 100),
    };

    public static TheoryData<string> FaultNames => [.. Faults.Keys];

    [Theory]
    [MemberData(nameof(FaultNames))]
    public async Task A_registration_is_stored_once_and_answered_with_the_user_never_409(string fault)
    {
        var registration = A.Registration();
        var user = faulty.Grains.GetUserByEmailAddress(registration.EmailAddress);
        var key = KeyOf(user);
        Inject(fault, key);

        var result = await AsAClient(() => user.Register(registration.Build()), key);

        Assert.True(faulty.Proxy.FaultsDoneTo(key) > 0);
        Assert.NotNull(result.User);
        Assert.Equal(result.User, await user.GetDetails());
        Assert.Equal(LoginOutcome.Succeeded, (await user.LogIn(new Password(registration.Password))).Outcome);
    }

    [Theory]
    [MemberData(nameof(FaultNames))]
    public async Task An_order_is_counted_once_however_the_write_failed(string fault)
    {
        var (user, key) = await faulty.RegisteredAsync(A.Registration());
        Inject(fault, key);

        var recording = await AsAClient(() => user.RecordCompletedOrder(new CompletedOrder("order-1")), key);
        var redelivery = await user.RecordCompletedOrder(new CompletedOrder("order-1"));
        var next = await user.RecordCompletedOrder(new CompletedOrder("order-2"));

        Assert.True(faulty.Proxy.FaultsDoneTo(key) > 0);
        Assert.Contains(recording.Outcome, new[] { OrderRecordingOutcome.Counted, OrderRecordingOutcome.AlreadyCounted });
        Assert.Equal((OrderRecordingOutcome.AlreadyCounted, 1), (redelivery.Outcome, redelivery.OrderCount));
        Assert.Equal((OrderRecordingOutcome.Counted, 2), (next.Outcome, next.OrderCount));
        Assert.Equal("2", (await faulty.StoredStateAsync(key))["OrderCount"].N);
    }

    [Theory]
    [MemberData(nameof(FaultNames))]
    public async Task A_failed_log_in_is_counted_once_and_a_successful_one_clears_the_count(string fault)
    {
        var registration = A.Registration();
        var (user, key) = await faulty.RegisteredAsync(registration);

        // Log-in counts are written after the answer, so the answer is the same whatever their write meets.
        var faultsBefore = faulty.Proxy.FaultsDoneTo(key);
        Inject(fault, key);
        var wrong = await user.LogIn(new Password(WrongPassword));
        await HealOnceFaulted(key, faultsBefore);
        await Eventually.Until(async () => FaultyDynamoDBFixture.StoredFailures(await faulty.StoredStateAsync(key), ClientNetwork.Unknown) == 1, "the failure to be stored");

        faultsBefore = faulty.Proxy.FaultsDoneTo(key);
        Inject(fault, key);
        var right = await user.LogIn(new Password(registration.Password));
        await HealOnceFaulted(key, faultsBefore);
        await Eventually.Until(async () => FaultyDynamoDBFixture.StoredFailures(await faulty.StoredStateAsync(key), ClientNetwork.Unknown) == 0, "the count to be cleared");

        Assert.Equal(LoginOutcome.InvalidCredentials, wrong.Outcome);
        Assert.Equal(LoginOutcome.Succeeded, right.Outcome);
    }

    /// <summary>Once the write after a log-in has met the injected fault, DynamoDB is well again.</summary>
    private async Task HealOnceFaulted(string key, int faultsBefore)
    {
        await Eventually.Until(() => Task.FromResult(faulty.Proxy.FaultsDoneTo(key) > faultsBefore), "the fault to be met");
        faulty.Proxy.Heal(key);
    }

    private string KeyOf(IUserGrain user) => faulty.KeyOf(FaultyDynamoDBFixture.UserStateName, user.GetGrainId());

    private void Inject(string fault, string key)
    {
        var (kind, delay, times) = Faults[fault];
        faulty.Proxy.Inject(kind, "PutItem", key, times, delay);
    }

    /// <summary>Calls once more after an error, by when the fault has passed.</summary>
    private async Task<T> AsAClient<T>(Func<Task<T>> call, string key)
    {
        try
        {
            return await call();
        }
        catch (Exception)
        {
            faulty.Proxy.Heal(key);
            return await call();
        }
    }
}
