using UserManagement.Contracts.Users;

namespace UserManagement.Grains.Users;

/// <summary>
/// What the log-in throttling keeps of one account (see <see cref="LoginThrottle"/>). Every list is bounded, so an
/// attacker with any number of addresses cannot grow the user's item: with the defaults it stays under 1.5 KB.
/// </summary>
[GenerateSerializer]
public sealed class RecentLogins
{
    /// <summary>Failures per client network within the window, at most <see cref="LoginThrottlingOptions.TrackedAddresses"/>.</summary>
    [Id(0)]
    public List<AddressFailures> Failures { get; set; } = [];

    /// <summary>
    /// The account's failures from every address, as a count that drains at
    /// <see cref="LoginThrottlingOptions.AccountFailuresDrainedPerSecond"/> since <see cref="AccountFailuresAt"/>.
    /// </summary>
    [Id(1)]
    public double AccountFailures { get; set; }

    [Id(2)]
    public DateTimeOffset? AccountFailuresAt { get; set; }

    /// <summary>Networks the owner logged in from, at most <see cref="LoginThrottlingOptions.KnownAddresses"/>.</summary>
    [Id(3)]
    public List<KnownAddress> KnownAddresses { get; set; } = [];
}
