namespace UserManagement.Testing;

/// <summary>Waits for a condition by polling, up to a bound; the bound only keeps a broken test from hanging.</summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);

    /// <summary>Waits until <paramref name="condition"/> holds; throws naming <paramref name="what"/> when it does not in time.</summary>
    public static async Task Until(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        if (!await Holds(condition, timeout ?? DefaultTimeout))
        {
            throw new TimeoutException($"Gave up waiting for {what}.");
        }
    }

    /// <summary>Whether <paramref name="condition"/> came to hold within <paramref name="within"/>.</summary>
    public static Task<bool> Holds(Func<bool> condition, TimeSpan within) => Holds(() => Task.FromResult(condition()), within);

    /// <inheritdoc cref="Holds(Func{bool}, TimeSpan)"/>
    public static async Task<bool> Holds(Func<Task<bool>> condition, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(Interval);
        }

        return true;
    }
}
