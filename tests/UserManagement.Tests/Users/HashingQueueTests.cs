using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using UserManagement.Contracts.Passwords;
using UserManagement.Contracts.Users;
using UserManagement.Tests.Infrastructure;
using UserManagement.Grains.Passwords;

namespace UserManagement.Tests.Users;

/// <summary>
/// Password hashing as a bounded queue with deadlines, through the hasher's own surface and its metrics: one slow
/// hashing thread, so what waits and what is dropped is certain.
/// </summary>
public sealed class HashingQueueTests : IDisposable
{
    private static readonly Password Password = new("correct horse battery");

    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly HashingMeasurements _measured;

    public HashingQueueTests() => _measured = new HashingMeasurements(_services.GetRequiredService<IMeterFactory>());

    public void Dispose()
    {
        _measured.Dispose();
        _services.Dispose();
    }

    [Fact]
    public async Task A_hash_whose_caller_gave_up_before_its_turn_is_never_computed()
    {
        using var hasher = SlowHasher();
        using var caller = new CancellationTokenSource();

        var running = hasher.Hash(Password);
        var abandoned = hasher.Verify(null, Password, caller.Token);
        await caller.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => abandoned);
        Assert.False(running.IsCompleted); // given up while the one thread was still busy with the first
        await running;
        Assert.Equal(1, _measured.Computed);
        Assert.Equal(1, _measured.Dropped(PasswordHashingMetrics.Cancelled));
    }

    [Fact]
    public async Task A_full_queue_refuses_at_once_with_a_time_to_come_back()
    {
        using var hasher = SlowHasher(queueLimit: 2);

        // One running and two waiting at most: whether the thread has taken the first yet or not, the fourth is refused.
        var accepted = new List<Task<string>>();
        PasswordHashingBusyException? refused = null;
        for (var call = 0; call < 4 && refused is null; call++)
        {
            try
            {
                accepted.Add(hasher.Hash(Password));
            }
            catch (PasswordHashingBusyException busy)
            {
                refused = busy;
            }
        }

        Assert.NotNull(refused);
        Assert.True(refused.RetryAfter >= TimeSpan.FromSeconds(1));
        Assert.InRange(accepted.Count, 2, 3);
        Assert.All(await Task.WhenAll(accepted), hash => Assert.StartsWith("$argon2id$", hash, StringComparison.Ordinal));
        Assert.Equal(accepted.Count, _measured.Computed);
        Assert.Equal(1, _measured.Dropped(PasswordHashingMetrics.QueueFull));
    }

    [Fact]
    public async Task A_hash_that_waited_past_the_queue_timeout_is_dropped_as_busy()
    {
        using var hasher = SlowHasher(queueTimeout: TimeSpan.FromMilliseconds(100));

        var running = hasher.Hash(Password);
        var waiting = hasher.Hash(Password);

        await Assert.ThrowsAsync<PasswordHashingBusyException>(() => waiting);
        Assert.False(running.IsCompleted);
        await running;
        Assert.Equal(1, _measured.Computed);
        Assert.Equal(1, _measured.Dropped(PasswordHashingMetrics.Expired));
    }

    [Fact]
    public void Hashing_never_takes_every_core()
    {
        var leavingOneCore = Math.Max(1, Environment.ProcessorCount - 1);

        Assert.Equal(leavingOneCore, new PasswordHashingOptions().EffectiveMaxConcurrency);
        Assert.Equal(leavingOneCore, new PasswordHashingOptions { MaxConcurrency = 256 }.EffectiveMaxConcurrency);
        Assert.Equal(1, new PasswordHashingOptions { MaxConcurrency = 1 }.EffectiveMaxConcurrency);
    }

    /// <summary>One thread, with hashes about eight times the default's cost (most of a second each, often more here).</summary>
    private Argon2idPasswordHasher SlowHasher(int queueLimit = 10, TimeSpan? queueTimeout = null) =>
        new(
            Options.Create(new PasswordHashingOptions
            {
                Iterations = 16,
                MaxConcurrency = 1,
                QueueLimit = queueLimit,
                QueueTimeout = queueTimeout ?? TimeSpan.FromMinutes(1),
            }),
            _services.GetRequiredService<IMeterFactory>());
}
