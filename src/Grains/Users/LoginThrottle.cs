using Microsoft.Extensions.Options;
using UserManagement.Contracts.Users;

namespace UserManagement.Grains.Users;

/// <summary>
/// The log-in throttling (<see cref="LoginThrottlingOptions"/>) applied to one account's <see cref="RecentLogins"/>:
/// a back-off per client network, so a stranger's failures hold back only the stranger's own address; and a ceiling per
/// account, so many addresses together still get no more than <see cref="LoginThrottlingOptions.AccountFailureLimit"/>
/// guesses per window, which holds back only addresses the owner has not logged in from.
/// </summary>
public sealed class LoginThrottle(IOptions<LoginThrottlingOptions> options)
{
    private LoginThrottlingOptions Options => options.Value;

    /// <summary>How long an attempt from <paramref name="address"/> must wait before a password is checked.</summary>
    public TimeSpan RemainingDelay(RecentLogins logins, string address, DateTimeOffset now)
    {
        var wait = TimeSpan.Zero;
        if (logins.Failures.Find(f => f.Address == address) is { } failures
            && failures.Count >= Options.FreeAttempts
            && Options.IsWithinWindow(failures.LastAt, now))
        {
            wait = failures.LastAt + Options.Backoff.Delay(failures.Count - Options.FreeAttempts + 1) - now;
        }

        // One more check is allowed while the account's count is below the limit minus one; the excess drains at its rate.
        var excess = AccountFailures(logins, now) - (Options.AccountFailureLimit - 1);
        if (excess > 0 && !IsKnown(logins, address, now))
        {
            var untilDrained = TimeSpan.FromSeconds(excess / Options.AccountFailuresDrainedPerSecond);
            wait = untilDrained > wait ? untilDrained : wait;
        }

        return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
    }

    /// <summary>Counts a wrong password from <paramref name="address"/>, for the address and for the account.</summary>
    public void RecordFailure(RecentLogins logins, string address, DateTimeOffset now)
    {
        Forget(logins, now);
        var failures = logins.Failures.Find(f => f.Address == address);
        if (failures is null)
        {
            failures = new AddressFailures { Address = address };
            logins.Failures.Add(failures);
        }

        failures.Count = Options.IsWithinWindow(failures.Count > 0 ? failures.LastAt : null, now) ? failures.Count + 1 : 1;
        failures.LastAt = now;
        if (logins.Failures.Count > Options.TrackedAddresses)
        {
            logins.Failures.Remove(logins.Failures.MinBy(f => f.LastAt)!);
        }

        logins.AccountFailures = Math.Round(AccountFailures(logins, now) + 1, 3);
        logins.AccountFailuresAt = now;
    }

    /// <summary>
    /// Clears the failures of the address that logged in (not the account's count, which drains by itself, so an
    /// owner's log-in gives nobody fresh guesses) and remembers the address as the owner's. Answers whether anything
    /// changed that is worth a write.
    /// </summary>
    public bool RecordSuccess(RecentLogins logins, string address, DateTimeOffset now)
    {
        var changed = Forget(logins, now);
        changed |= logins.Failures.RemoveAll(f => f.Address == address) > 0;
        if (Options.KnownAddresses == 0 || address == ClientNetwork.Unknown)
        {
            return changed;
        }

        var known = logins.KnownAddresses.Find(k => k.Address == address);
        if (known is null)
        {
            logins.KnownAddresses.Add(new KnownAddress { Address = address, LastLoginAt = now });
            if (logins.KnownAddresses.Count > Options.KnownAddresses)
            {
                logins.KnownAddresses.Remove(logins.KnownAddresses.MinBy(k => k.LastLoginAt)!);
            }

            return true;
        }

        if (now - known.LastLoginAt >= LoginThrottlingOptions.KnownAddressRefresh)
        {
            known.LastLoginAt = now;
            return true;
        }

        return changed;
    }

    private bool IsKnown(RecentLogins logins, string address, DateTimeOffset now) =>
        logins.KnownAddresses.Exists(k => k.Address == address && now - k.LastLoginAt <= Options.KnownAddressLifetime);

    private double AccountFailures(RecentLogins logins, DateTimeOffset now) =>
        logins.AccountFailuresAt is { } at
            ? Math.Max(0, logins.AccountFailures - ((now - at).TotalSeconds * Options.AccountFailuresDrainedPerSecond))
            : 0;

    /// <summary>Drops what no longer counts: failures past the window, addresses the owner has not used for too long.</summary>
    private bool Forget(RecentLogins logins, DateTimeOffset now)
    {
        var forgotten = logins.Failures.RemoveAll(f => !Options.IsWithinWindow(f.LastAt, now))
            + logins.KnownAddresses.RemoveAll(k => now - k.LastLoginAt > Options.KnownAddressLifetime);
        if (logins.AccountFailuresAt is not null && AccountFailures(logins, now) == 0)
        {
            (logins.AccountFailures, logins.AccountFailuresAt) = (0, null);
            forgotten++;
        }

        return forgotten > 0;
    }
}
