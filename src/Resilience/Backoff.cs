namespace UserManagement.Resilience;

/// <summary>
/// Exponential back-off, the one formula every wait-and-try-again in the service uses: <see cref="First"/> before the
/// second try, doubled for each try after that, never more than <see cref="Max"/>.
/// </summary>
/// <param name="First">The delay after the first failure.</param>
/// <param name="Max">The cap; a delay never grows beyond it.</param>
public readonly record struct Backoff(TimeSpan First, TimeSpan Max)
{
    /// <summary>How long to wait after failure number <paramref name="failures"/> (1 for the first).</summary>
    public TimeSpan Delay(int failures)
    {
        if (failures < 1)
        {
            return TimeSpan.Zero;
        }

        // When First exceeds Max halved as often as it would be doubled, the delay is past the cap; testing that first
        // keeps the shift from overflowing.
        var doublings = Math.Min(failures - 1, 62);
        var ticks = First.Ticks > Max.Ticks >> doublings ? Max.Ticks : First.Ticks << doublings;
        return TimeSpan.FromTicks(Math.Clamp(ticks, 0, Math.Max(0, Max.Ticks)));
    }

    /// <summary>
    /// <see cref="Delay"/> with jitter: a random point between half of it and all of it, so many waiters that failed
    /// together do not come back together.
    /// </summary>
    public TimeSpan DelayWithJitter(int failures, Random? random = null)
    {
        var ceiling = Delay(failures).Ticks;
        var half = ceiling / 2;
        return TimeSpan.FromTicks(half + (random ?? Random.Shared).NextInt64(ceiling - half + 1));
    }

    /// <summary>
    /// Runs <paramref name="attempt"/> until it succeeds or <paramref name="stopping"/> is cancelled, waiting this
    /// back-off (with jitter) after each failure, which <paramref name="failed"/> hears of with the failure count and the
    /// wait. For work in the background that must happen once, however long its dependency is down.
    /// </summary>
    public async Task RetryUntilDone(
        Func<CancellationToken, Task> attempt, Action<Exception, int, TimeSpan> failed, CancellationToken stopping)
    {
        for (var failures = 1; !stopping.IsCancellationRequested; failures++)
        {
            try
            {
                await attempt(stopping);
                return;
            }
            catch (Exception exception) when (!stopping.IsCancellationRequested)
            {
                var delay = DelayWithJitter(failures);
                failed(exception, failures, delay);
                try
                {
                    await Task.Delay(delay, stopping);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }
}
