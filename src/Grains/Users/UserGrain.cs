using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using UserManagement.Grains.Events;
using UserManagement.Grains.Hosting;
using UserManagement.Grains.Outbox;
using UserManagement.Grains.Passwords;

namespace UserManagement.Grains.Users;

/// <summary>
/// One user: registration, log-in, order counting. Its outgoing events go through <see cref="EventOutbox"/>, which
/// keeps them in this grain's state and publishes them through a grain of its own, so no call here waits on the bus.
/// </summary>
public sealed partial class UserGrain(
    [PersistentState("user", UserGrain.StorageName)] IPersistentState<UserState> user,
    IPasswordHasher passwords,
    IOptions<LoginThrottlingOptions> throttling,
    IOptions<EventSourceOptions> events,
    EventOutbox outbox,
    IOptions<AdministratorOptions> administrator,
    IOptions<OrderCountingOptions> orderCounting,
    TimeProvider time,
    ILogger<UserGrain> logger) : Grain, IUserGrain, IUserEventsGrain, IOutboxOwner, IRemindable
{
    public const string StorageName = "users";

    /// <summary>A user becomes PREMIUM once the order count exceeds this.</summary>
    public const int PremiumAfterOrders = 10;

    private bool _reloadBeforeNextCall;

    private string UserId => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        outbox.Attach(this, () => user.State.Outbox, Save, EnsureCurrent);
        return Task.CompletedTask;
    }

    public async Task<RegistrationResult> Register(Registration registration)
    {
        EnsureValid(registration);

        // Before anything is compared with the account: the administrator's address is no one's to register.
        if (administrator.Value.IsReservedAddress(registration.EmailAddress))
        {
            return RegistrationResult.Reserved;
        }

        await EnsureCurrent();
        if (user.State.IsRegistered)
        {
            // A client whose answer was lost (a timeout, a dropped connection) sends its registration again.
            return await IsRepeatOf(registration) ? RegistrationResult.Registered(Details()) : RegistrationResult.AlreadyRegistered;
        }

        return await Create(registration, UserTier.Standard);
    }

    public Task<RegistrationResult> RegisterAdministrator(Registration registration) => Create(registration, UserTier.Admin);

    public async Task<LoginResult> LogIn(Password password)
    {
        await EnsureCurrent();
        var state = user.State;
        var wait = ThrottledFor();
        if (wait > TimeSpan.Zero)
        {
            return LoginResult.Throttled(wait);
        }

        if (await passwords.Verify(state.PasswordHash, password))
        {
            if (state.FailedLogins > 0)
            {
                (state.FailedLogins, state.LastFailedLoginAt) = (0, null);
                await Save();
            }

            return LoginResult.Succeeded(Details());
        }

        await RecordFailedLogIn();
        return LoginResult.InvalidCredentials;
    }

    public async Task<UserDetails?> GetDetails()
    {
        await EnsureCurrent();
        return user.State.IsRegistered ? Details() : null;
    }

    public async Task<OrderRecording> RecordCompletedOrder(CompletedOrder order)
    {
        ArgumentException.ThrowIfNullOrEmpty(order.OrderId);
        await EnsureCurrent();
        var state = user.State;
        if (!state.IsRegistered)
        {
            return new OrderRecording(OrderRecordingOutcome.UnknownUser, 0, UserTier.Standard);
        }

        var now = time.GetUtcNow();
        var remembered = state.CountedOrderIds is { Count: > 0 } stored
            ? RecentOrders.Including(state.RecentOrders, stored, now)
            : state.RecentOrders;
        if (RecentOrders.Contains(remembered, order.OrderId))
        {
            return new OrderRecording(OrderRecordingOutcome.AlreadyCounted, state.OrderCount, state.Tier);
        }

        state.RecentOrders = RecentOrders.Add(remembered, order.OrderId, now, orderCounting.Value, out var dropped);
        state.CountedOrderIds = null;
        if (dropped > 0)
        {
            LogRememberedOrdersCapped(logger, UserId, orderCounting.Value.MaxRememberedOrders, dropped);
        }

        state.OrderCount++;
        if (state.Tier == UserTier.Standard && state.OrderCount > PremiumAfterOrders)
        {
            state.Tier = UserTier.Premium;
            LogPromoted(logger, UserId, state.OrderCount);
        }

        await Save();
        return new OrderRecording(OrderRecordingOutcome.Counted, state.OrderCount, state.Tier);
    }

    private async Task<RegistrationResult> Create(Registration registration, UserTier tier)
    {
        EnsureValid(registration);
        await EnsureCurrent();
        if (user.State.IsRegistered)
        {
            return RegistrationResult.AlreadyRegistered;
        }

        var passwordHash = await passwords.Hash(registration.Password);
        var created = UserCreatedEvent.Record(events.Value.Source, UserId, time.GetUtcNow());
        await outbox.PrepareToRecord();
        user.State = new UserState
        {
            Outbox = [created],
            EmailAddress = EmailAddress.Normalize(registration.EmailAddress),
            FirstName = registration.FirstName.Trim(),
            LastName = registration.LastName.Trim(),
            PasswordHash = passwordHash,
            Tier = tier,
            RegisteredAt = DateTimeOffset.UtcNow,
        };

        await Save();
        LogRegistered(logger, UserId, tier);
        await outbox.PublishRecorded();
        return RegistrationResult.Registered(Details());
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        await EnsureCurrent();
        await outbox.OnReminder(reminderName);
    }

    public async Task AttemptFinished(IReadOnlyList<EventOutcome> outcomes)
    {
        await EnsureCurrent();
        await outbox.Settle(outcomes);
    }

    public async Task<IReadOnlyList<OutgoingEventStatus>?> GetOutgoingEvents()
    {
        await EnsureCurrent();
        return user.State.IsRegistered ? outbox.Status() : null;
    }

    public async Task<int?> RepublishParkedEvents()
    {
        await EnsureCurrent();
        return user.State.IsRegistered ? await outbox.RepublishParked() : null;
    }

    /// <summary>
    /// Whether a registration of this existing account repeats the one that created it: same names, same password. The
    /// password is checked as a log-in checks it, throttled alike and counted when wrong, so registering is no way
    /// around the log-in throttling; and it is checked whatever the names, so the time taken does not tell them apart.
    /// </summary>
    private async Task<bool> IsRepeatOf(Registration registration)
    {
        var state = user.State;
        if (ThrottledFor() > TimeSpan.Zero)
        {
            return false;
        }

        if (!await passwords.Verify(state.PasswordHash, registration.Password))
        {
            await RecordFailedLogIn();
            return false;
        }

        return string.Equals(registration.FirstName.Trim(), state.FirstName, StringComparison.Ordinal)
            && string.Equals(registration.LastName.Trim(), state.LastName, StringComparison.Ordinal);
    }

    private TimeSpan ThrottledFor() =>
        throttling.Value.RemainingDelay(user.State.FailedLogins, user.State.LastFailedLoginAt, time.GetUtcNow());

    private async Task RecordFailedLogIn()
    {
        var state = user.State;
        var now = time.GetUtcNow();
        var stillCounting = throttling.Value.IsWithinWindow(state.LastFailedLoginAt, now);
        (state.FailedLogins, state.LastFailedLoginAt) = (stillCounting ? state.FailedLogins + 1 : 1, now);

        // An unknown address is throttled alike, from memory only: storing it would let anyone create items at will.
        if (state.IsRegistered)
        {
            await Save();
        }
    }

    private void EnsureValid(Registration registration)
    {
        if (!EmailAddress.IsValid(registration.EmailAddress) || UserKey.FromEmailAddress(registration.EmailAddress) != UserId)
        {
            throw new ArgumentException("The email address does not belong to this user.", nameof(registration));
        }

        if (!PersonName.IsValid(registration.FirstName) || !PersonName.IsValid(registration.LastName))
        {
            throw new ArgumentException("A first and a last name are required.", nameof(registration));
        }

        if (PasswordPolicy.Check(registration.Password.Value) is { } reason)
        {
            throw new ArgumentException(reason, nameof(registration));
        }
    }

    /// <summary>After a failed write the copy in memory may differ from what is stored; start again from storage.</summary>
    private async Task EnsureCurrent()
    {
        if (_reloadBeforeNextCall)
        {
            await user.ReadStateAsync();
            _reloadBeforeNextCall = false;
        }
    }

    private async Task Save()
    {
        try
        {
            await user.WriteStateAsync();
        }
        catch (Exception exception)
        {
            _reloadBeforeNextCall = true;
            LogWriteFailed(logger, exception, UserId);
            throw;
        }
    }

    private UserDetails Details()
    {
        var state = user.State;
        return new UserDetails(UserId, state.EmailAddress!, state.FirstName!, state.LastName!, state.OrderCount, state.Tier);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserId} registered as {Tier}")]
    private static partial void LogRegistered(ILogger logger, string userId, UserTier tier);

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserId} became PREMIUM at {OrderCount} orders")]
    private static partial void LogPromoted(ILogger logger, string userId, int orderCount);

    [LoggerMessage(Level = LogLevel.Warning, Message = "User {UserId} reached the cap of {MaxRememberedOrders} remembered orders; the {Dropped} oldest were forgotten before the end of the retention window")]
    private static partial void LogRememberedOrdersCapped(ILogger logger, string userId, int maxRememberedOrders, int dropped);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storing user {UserId} failed; the state will be read again")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception, string userId);
}
