using System.ComponentModel.DataAnnotations;

namespace UserManagement.Grains.Passwords;

/// <summary>Argon2id cost parameters; the defaults are OWASP's minimum (m = 19 MiB, t = 2, p = 1).</summary>
public sealed class PasswordHashingOptions
{
    public const string SectionName = "PasswordHashing";

    [Range(19_456, 1_048_576)]
    public int MemoryKiB { get; set; } = 19_456;

    [Range(2, 16)]
    public int Iterations { get; set; } = 2;

    [Range(1, 16)]
    public int Parallelism { get; set; } = 1;

    /// <summary>How many hashes may run at once; the rest wait without holding a thread. Defaults to the core count.</summary>
    [Range(0, 256)]
    public int MaxConcurrency { get; set; }

    internal int EffectiveMaxConcurrency => MaxConcurrency > 0 ? MaxConcurrency : Environment.ProcessorCount;
}
