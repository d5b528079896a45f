using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using UserManagement.Grains.Events;
using UserManagement.Grains.Hosting;
using UserManagement.Grains.Outbox;
using UserManagement.Contracts.Passwords;
using UserManagement.Resilience;
using UserManagement.Contracts.Users;
using UserManagement.Grains.Passwords;

namespace UserManagement.Grains.Users;

/// <summary>
/// One user: registration, log-in, order counting. Its outgoing events go through <see cref="EventOutbox"/>, which
/// keeps them in this grain's state and publishes them through a grain of its own, so no call here waits on the bus.
/// </summary>
public sealed partial class UserGrain(
    [PersistentState("user", UserGrain.StorageName)] IPersistentState<UserState> user,
    IPasswordHasher passwords,
    LoginThrottle throttle,
    IOptions<EventSourceOptions> events,
    EventOutbox outbox,
    IOptions<AdministratorOptions> administrator,
    IOptions<OrderCountingOptions> orderCounting,
    ActiveUserDetails activeUsers,
    TimeProvider time,
    ILogger<UserGrain> logger) : Grain, IUserGrain, IAdministratorAccountGrain, IUserEventsGrain, IOutboxOwner, IRemindable
{
    public const string StorageName = "users";

    /// <summary>How soon a write of log-in counts that failed is tried again.</summary>
    private static readonly Backoff StoringLoginsRetry = new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));

    private bool _reloadBeforeNextCall;
    private bool _loginsUnstored;
    private IGrainTimer? _storingLogins;
    private int _storingLoginsFailures;

    private string UserId => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        outbox.Attach(this, () => user.State.Outbox, Save, EnsureCurrent);
        PublishDetails();
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_loginsUnstored && user.State.IsRegistered)
        {
            try
            {
                await Write();
            }
            catch (Exception)
            {
                // Logged by Write; the counts it held go with this activation.
            }
        }

        activeUsers.Withdraw(UserId);
    }

    public async Task<RegistrationResult> Register(
        Registration registration, IPAddress? clientAddress = null, CancellationToken cancellationToken = default)
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
            var isRepeat = await IsRepeatOf(registration, ClientNetwork.Of(clientAddress), cancellationToken);
            return isRepeat ? RegistrationResult.Registered(Details()) : RegistrationResult.AlreadyRegistered;
        }

        return await Create(registration, UserTier.Standard, cancellationToken);
    }

    public Task<RegistrationResult> RegisterAdministrator(
        Registration registration, CancellationToken cancellationToken = default) =>
        Create(registration, UserTier.Admin, cancellationToken);

    public async Task<LoginResult> LogIn(
        Password password, IPAddress? clientAddress = null, CancellationToken cancellationToken = default)
    {
        await EnsureCurrent();
        var address = ClientNetwork.Of(clientAddress);
        var wait = throttle.RemainingDelay(user.State.Logins, address, time.GetUtcNow());
        if (wait > TimeSpan.Zero)
        {
            return LoginResult.Throttled(wait);
        }

        if (!await passwords.Verify(user.State.PasswordHash, password, cancellationToken))
        {
            RecordFailedLogIn(address);
            return LoginResult.InvalidCredentials;
        }

        if (throttle.RecordSuccess(user.State.Logins, address, time.GetUtcNow()))
        {
            StoreLoginsSoon();
        }

        return LoginResult.Succeeded(Details());
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
        if (!RecentOrders.TryAdd(remembered, order.OrderId, now, orderCounting.Value, out var updated, out var dropped))
        {
            return new OrderRecording(OrderRecordingOutcome.AlreadyCounted, state.OrderCount, state.Tier);
        }

        state.RecentOrders = updated;
        state.CountedOrderIds = null;
        if (dropped > 0)
        {
            LogRememberedOrdersCapped(logger, UserId, orderCounting.Value.MaxRememberedOrders, dropped);
        }

        var tierBefore = state.Tier;
        state.OrderCount++;
        if (state.Tier != tierBefore)
        {
            LogPromoted(logger, UserId, state.OrderCount);
        }

        await Save();
        return new OrderRecording(OrderRecordingOutcome.Counted, state.OrderCount, state.Tier);
    }

    private async Task<RegistrationResult> Create(Registration registration, UserTier tier, CancellationToken cancellationToken)
    {
        EnsureValid(registration);
        await EnsureCurrent();
        if (user.State.IsRegistered)
        {
            return RegistrationResult.AlreadyRegistered;
        }

        var passwordHash = await passwords.Hash(registration.Password, cancellationToken);
        var created = UserCreatedEvent.Record(events.Value.Source, UserId, time.GetUtcNow());
        await outbox.PrepareToRecord();
        user.State = new UserState
        {
            Outbox = [created],
            EmailAddress = EmailAddress.Normalize(registration.EmailAddress),
            FirstName = registration.FirstName.Trim(),
            LastName = registration.LastName.Trim(),
            PasswordHash = passwordHash,
            IsAdministrator = tier == UserTier.Admin,
            RegisteredAt = time.GetUtcNow(),

            // Failures counted while nobody was registered here still count.
            Logins = user.State.Logins,
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

    public async Task ResumePending()
    {
        await EnsureCurrent();
        await outbox.Resume();
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
    private async Task<bool> IsRepeatOf(Registration registration, string address, CancellationToken cancellationToken)
    {
        var state = user.State;
        if (throttle.RemainingDelay(state.Logins, address, time.GetUtcNow()) > TimeSpan.Zero)
        {
            return false;
        }

        if (!await passwords.Verify(state.PasswordHash, registration.Password, cancellationToken))
        {
            RecordFailedLogIn(address);
            return false;
        }

        return string.Equals(registration.FirstName.Trim(), state.FirstName, StringComparison.Ordinal)
            && string.Equals(registration.LastName.Trim(), state.LastName, StringComparison.Ordinal);
    }

    private void RecordFailedLogIn(string address)
    {
        throttle.RecordFailure(user.State.Logins, address, time.GetUtcNow());
        StoreLoginsSoon();
    }

    /// <summary>
    /// Log-in counts are written after the answer, from a timer, and kept in memory until a write succeeds (across
    /// reloads too): a wrong password is answered in the time an unknown address is, whose counts are never stored, and
    /// while DynamoDB refuses writes every failure still counts. The timer keeps the grain active until then.
    /// </summary>
    private void StoreLoginsSoon()
    {
        // An unknown address is throttled alike, from memory only: storing it would let anyone create items at will.
        if (!user.State.IsRegistered)
        {
            return;
        }

        _loginsUnstored = true;
        if (_storingLogins is null)
        {
            ScheduleStoringLogins(TimeSpan.Zero);
        }
    }

    private void ScheduleStoringLogins(TimeSpan delay)
    {
        _storingLogins?.Dispose();
        _storingLogins = this.RegisterGrainTimer(
            static (grain, _) => grain.StoreLogins(),
            this,
            new GrainTimerCreationOptions(delay, Timeout.InfiniteTimeSpan) { KeepAlive = true });
    }

    private async Task StoreLogins()
    {
        try
        {
            if (_loginsUnstored && user.State.IsRegistered)
            {
                await EnsureCurrent();
                await Write();
            }
        }
        catch (Exception)
        {
            var delay = StoringLoginsRetry.DelayWithJitter(++_storingLoginsFailures);
            LogLoginsNotStored(logger, UserId, delay);
            ScheduleStoringLogins(delay);
            return;
        }

        _storingLoginsFailures = 0;
        _storingLogins?.Dispose();
        _storingLogins = null;
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

    /// <summary>
    /// After a failed write the copy in memory may differ from what is stored; start again from storage. The log-in
    /// counts are the exception: this activation's are the newest there are, stored or not, so they are kept.
    /// </summary>
    private async Task EnsureCurrent()
    {
        if (_reloadBeforeNextCall)
        {
            var logins = user.State.Logins;
            await user.ReadStateAsync();
            user.State.Logins = logins;
            _reloadBeforeNextCall = false;
            PublishDetails();
        }
    }

    /// <summary>Writes the state for a call, which fails if the write does; the next call reads the state again.</summary>
    private async Task Save()
    {
        try
        {
            await Write();
        }
        catch (Exception)
        {
            _reloadBeforeNextCall = true;
            throw;
        }
    }

    private async Task Write()
    {
        try
        {
            await user.WriteStateAsync();
            _loginsUnstored = false;
        }
        catch (Exception exception)
        {
            // The write may have been stored although it failed (an answer lost): until this grain reads the state
            // again, reads come to it.
            activeUsers.Withdraw(UserId);
            LogWriteFailed(logger, exception, UserId);
            throw;
        }

        PublishDetails();
    }

    /// <summary>Makes what is stored readable in this process without a call (<see cref="IActiveUserDetails"/>).</summary>
    private void PublishDetails()
    {
        if (user.State.IsRegistered)
        {
            activeUsers.Publish(Details());
        }
        else
        {
            activeUsers.Withdraw(UserId);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storing user {UserId} failed")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception, string userId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Log-in counts of user {UserId} are kept in memory until stored; next try in {Delay}")]
    private static partial void LogLoginsNotStored(ILogger logger, string userId, TimeSpan delay);
}
