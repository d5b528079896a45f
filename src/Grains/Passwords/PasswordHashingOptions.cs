using System.ComponentModel.DataAnnotations;
using UserManagement.Contracts.Passwords;

namespace UserManagement.Grains.Passwords;

/// <summary>
/// Section <c>PasswordHashing</c>: Argon2id's cost (the defaults are OWASP's minimum, m = 19 MiB, t = 2, p = 1) and the
/// queue hashes wait in.
/// </summary>
public sealed class PasswordHashingOptions
{
    public const string SectionName = "PasswordHashing";

    /// <summary>Hashes each hashing thread is allowed to have waiting when <see cref="QueueLimit"/> is not set.</summary>
    private const int QueuedPerThread = 20;

    [Range(19_456, 1_048_576)]
    public int MemoryKiB { get; set; } = 19_456;

    [Range(2, 16)]
    public int Iterations { get; set; } = 2;

    [Range(1, 16)]
    public int Parallelism { get; set; } = 1;

    /// <summary>
    /// How many hashes run at once, each on a thread of its own. Never more than leave one core to the runtime
    /// (<see cref="Environment.ProcessorCount"/> − 1, divided by <see cref="Parallelism"/>, at least one), which is also
    /// the default; a smaller number lowers it.
    /// </summary>
    [Range(0, 256)]
    public int MaxConcurrency { get; set; }

    /// <summary>Hashes that may wait for a thread; one more is refused at once. Default: 20 per thread.</summary>
    [Range(0, 100_000)]
    public int QueueLimit { get; set; }

    /// <summary>The longest a hash may wait for a thread; one that waited longer is dropped without being computed.</summary>
    public TimeSpan QueueTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The threads that hash: the runtime (Orleans's scheduler, networking, membership probes) keeps a core.</summary>
    public int EffectiveMaxConcurrency
    {
        get
        {
            var leavingOneCore = Math.Max(1, (Environment.ProcessorCount - 1) / Parallelism);
            return MaxConcurrency > 0 ? Math.Min(MaxConcurrency, leavingOneCore) : leavingOneCore;
        }
    }

    public int EffectiveQueueLimit => QueueLimit > 0 ? QueueLimit : QueuedPerThread * EffectiveMaxConcurrency;
}
