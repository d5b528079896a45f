using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Hosting;
using UserManagement.Grains.Events;
using UserManagement.Contracts.Users;

namespace UserManagement.Grains.Outbox;

/// <summary>
/// The outbox of one grain activation: events are recorded in the owner's state in the same write as the change that
/// caused them, then published by <see cref="IOutboxPublisherGrain"/>, one attempt at a time, with a capped, jittered
/// back-off between failed attempts. This is the only retry loop between a change and its event: the publisher tries
/// once and says what happened.
/// </summary>
/// <remarks>
/// <para>
/// <b>The index of owners with pending events is an Orleans reminder</b> per owner, registered before the write that
/// records its first pending event and removed once none is left: one small row in the durable reminder table, so no
/// item grows with the number of pending owners. The reminder service spreads the rows over the silos by hash range and
/// ticks each one every <see cref="ReminderPeriod"/>, reactivating the owner wherever it is due: that is the sweep,
/// bounded by the silos' ranges instead of every silo calling every owner, and it is what brings attempts back after a
/// silo died. While the owner is active, the next attempt comes on a grain timer at its exact time (no
/// <c>KeepAlive</c>: a deactivated owner is woken by its next tick), so the reminder is written twice per event, not
/// once per attempt. A parked event has no wake-up: it waits for <see cref="RepublishParked"/>.
/// </para>
/// <para>
/// The owner calls every method from its own turns (one at a time), after bringing its state up to date.
/// </para>
/// </remarks>
public sealed partial class EventOutbox(
    IGrainFactory grains,
    IOptions<OutboxOptions> options,
    IOptions<EventSourceOptions> source,
    IOptions<ReminderOptions> reminders,
    OutboxMetrics metrics,
    TimeProvider time,
    ILogger<EventOutbox> logger)
{
    public const string ReminderName = "outbox";

    private readonly OutboxOptions _options = options.Value;
    private Grain? _owner;
    private Func<List<OutboxEvent>> _events = () => [];
    private Func<Task> _save = () => Task.CompletedTask;

    /// <summary>When the attempt still unanswered was handed to the publisher.</summary>
    private DateTimeOffset? _attemptSentAt;

    /// <summary>The owner's reminder as last registered by this activation (its ETag is needed to remove it).</summary>
    private IGrainReminder? _wakeUp;

    /// <summary>The next attempt (or the check on the one under way) while this activation lives.</summary>
    private IGrainTimer? _nextAttempt;

    private Func<Task> _refresh = () => Task.CompletedTask;

    private Grain Owner => _owner ?? throw new InvalidOperationException("The outbox is not attached to its grain.");

    private string OwnerId => Owner.GetPrimaryKeyString();

    private List<OutboxEvent> Events => _events();

    /// <summary>
    /// How often an owner with pending events is woken by its reminder: the attempt timeout, or Orleans's minimum
    /// reminder period if that is longer. It bounds how late an attempt can be after its silo died (a tick missed while
    /// nobody owned the reminder comes at the next period).
    /// </summary>
    public TimeSpan ReminderPeriod =>
        _options.AttemptTimeout > reminders.Value.MinimumReminderPeriod ? _options.AttemptTimeout : reminders.Value.MinimumReminderPeriod;

    /// <summary>
    /// Binds the outbox to its grain, the list in the grain's state it keeps, the grain's write, and what brings the
    /// grain's state up to date before a timer's turn.
    /// </summary>
    public void Attach(Grain owner, Func<List<OutboxEvent>> events, Func<Task> save, Func<Task> refresh)
    {
        _owner = owner;
        _events = events;
        _save = save;
        _refresh = refresh;
    }

    /// <summary>
    /// Before the write that records new events: the reminder that publishes them should the attempt made right after
    /// the write be lost. Registered first, so no stored pending event is ever without one.
    /// </summary>
    public async Task PrepareToRecord() =>
        _wakeUp ??= await Owner.RegisterOrUpdateReminder(ReminderName, ReminderPeriod, ReminderPeriod);

    /// <summary>After the write that recorded events: the first attempt, at once, without waiting for its outcome.</summary>
    public Task PublishRecorded() => Continue(time.GetUtcNow());

    /// <summary>Pending events without a wake-up get one, and the attempt that is due is made.</summary>
    public async Task Resume()
    {
        if (Events.Any(e => !e.IsParked))
        {
            await PrepareToRecord();
            await Continue(time.GetUtcNow());
        }
    }

    /// <summary>The owner's reminder fired: make the attempt that is due, or wait for the one under way.</summary>
    public Task OnReminder(string reminderName) =>
        reminderName == ReminderName ? Continue(time.GetUtcNow()) : Task.CompletedTask;

    /// <summary>The publisher's answer: accepted events leave, failed ones wait their back-off or are parked.</summary>
    public async Task Settle(IReadOnlyList<EventOutcome> outcomes)
    {
        _attemptSentAt = null;
        var now = time.GetUtcNow();
        var changed = false;
        foreach (var outcome in outcomes)
        {
            // An outcome for an event that is gone or parked is the late answer of an attempt made twice.
            if (Events.Find(e => e.Id == outcome.EventId) is not { IsParked: false } pending)
            {
                continue;
            }

            changed = true;
            if (outcome.Result == PublishResult.Accepted)
            {
                Events.Remove(pending);
                metrics.Published(pending);
                continue;
            }

            pending.Attempts++;
            pending.LastError = outcome.Reason;
            if (outcome.Result == PublishResult.Permanent || pending.Attempts >= _options.MaxAttempts)
            {
                (pending.ParkedAt, pending.NextAttemptAt) = (now, null);
                metrics.Parked(pending, outcome);
                LogParked(logger, pending.Id, pending.DetailType, OwnerId, pending.Attempts, outcome.Result, outcome.Reason);
            }
            else
            {
                var delay = _options.RetryDelay(pending.Attempts);
                pending.NextAttemptAt = now + delay;
                metrics.AttemptFailed(pending, outcome);
                LogRetrying(logger, pending.Id, pending.DetailType, OwnerId, outcome.Result, pending.Attempts, _options.MaxAttempts, outcome.Reason, delay);
            }
        }

        if (changed)
        {
            await _save();
        }

        await Continue(now);
    }

    /// <summary>Makes every parked event pending again, with a fresh count of attempts, and publishes it at once.</summary>
    /// <returns>How many events were parked.</returns>
    public async Task<int> RepublishParked()
    {
        var parked = Events.Where(e => e.IsParked).ToList();
        if (parked.Count == 0)
        {
            return 0;
        }

        await PrepareToRecord();
        var now = time.GetUtcNow();
        foreach (var e in parked)
        {
            (e.ParkedAt, e.NextAttemptAt, e.Attempts) = (null, now, 0);
        }

        await _save();
        LogRepublished(logger, parked.Count, OwnerId);
        await Continue(now);
        return parked.Count;
    }

    public IReadOnlyList<OutgoingEventStatus> Status() =>
        [.. Events.Select(e => new OutgoingEventStatus(e.Id, e.DetailType, e.RecordedAt, e.Attempts, e.NextAttemptAt, e.LastError, e.ParkedAt))];

    /// <summary>Whatever comes next: an attempt now, a timer for the next one, or no wake-ups when nothing is pending.</summary>
    private async Task Continue(DateTimeOffset now)
    {
        var pending = Events.Where(e => !e.IsParked).ToList();
        if (pending.Count == 0)
        {
            _nextAttempt?.Dispose();
            await StopWakingUp();
            return;
        }

        await TryDispatch(now);
        var next = _attemptSentAt is { } sent ? sent + _options.AttemptTimeout : pending.Min(e => e.NextAttemptAt ?? now);
        _nextAttempt?.Dispose();
        _nextAttempt = Owner.RegisterGrainTimer(
            static (outbox, _) => outbox.OnTimer(),
            this,
            new GrainTimerCreationOptions(next > now ? next - now : TimeSpan.Zero, Timeout.InfiniteTimeSpan) { KeepAlive = false });
    }

    private async Task OnTimer()
    {
        await _refresh();
        await Continue(time.GetUtcNow());
    }

    /// <summary>Hands the due events to the publisher, unless an attempt is under way and not yet overdue.</summary>
    private async Task TryDispatch(DateTimeOffset now)
    {
        if (_attemptSentAt is { } sent && now - sent < _options.AttemptTimeout)
        {
            return;
        }

        _attemptSentAt = null;
        var due = Events.Where(e => e.IsDue(now)).ToList();
        if (due.Count == 0)
        {
            return;
        }

        _attemptSentAt = now;
        var sourceName = source.Value.Source;

        // An attempt is a trace of its own: its producer span continues the change's trace through the event's
        // TraceParent, and what the attempt's outcome later writes is not counted as part of the change.
        var caller = Activity.Current;
        Activity.Current = null;
        try
        {
            await grains.GetGrain<IOutboxPublisherGrain>(0).Publish(
                Owner.AsReference<IOutboxOwner>(),
                [.. due.Select(e => new OutgoingEvent(e.Id, sourceName, e.DetailType, e.Detail, e.RecordedAt, e.TraceParent))]);
        }
        finally
        {
            Activity.Current = caller;
        }
    }

    private async Task StopWakingUp()
    {
        _wakeUp ??= await Owner.GetReminder(ReminderName);
        if (_wakeUp is not null)
        {
            await Owner.UnregisterReminder(_wakeUp);
            _wakeUp = null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Publishing event {EventId} ({EventType}) of {OwnerId} failed ({Outcome}, attempt {Attempts} of {MaxAttempts}): {Reason}; next attempt in {Delay}")]
    private static partial void LogRetrying(
        ILogger logger, string eventId, string eventType, string ownerId, PublishResult outcome, int attempts, int maxAttempts, string? reason, TimeSpan delay);

    /// <remarks>The words "Outbox event parked" are what the deployment's log metric filter and alarm look for.</remarks>
    [LoggerMessage(Level = LogLevel.Error,
        Message = "Outbox event parked: event {EventId} ({EventType}) of {OwnerId} after {Attempts} attempt(s), {Outcome}: {Reason}")]
    private static partial void LogParked(
        ILogger logger, string eventId, string eventType, string ownerId, int attempts, PublishResult outcome, string? reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} parked event(s) of {OwnerId} published again by an operator")]
    private static partial void LogRepublished(ILogger logger, int count, string ownerId);
}
