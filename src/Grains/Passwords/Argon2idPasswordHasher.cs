using System.Security.Cryptography;
using System.Text;
using Isopoh.Cryptography.Argon2;
using Microsoft.Extensions.Options;
using UserManagement.Grains.Users;

namespace UserManagement.Grains.Passwords;

/// <summary>
/// Argon2id off the Orleans scheduler: each hash runs on the thread pool, so a grain awaiting it does not hold a
/// scheduler turn, and a semaphore bounds how many run at once, so a login flood queues instead of starving the process.
/// </summary>
public sealed class Argon2idPasswordHasher : IPasswordHasher, IDisposable
{
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    private readonly PasswordHashingOptions _options;
    private readonly SemaphoreSlim _slots;
    private readonly Lazy<string> _decoyHash;

    public Argon2idPasswordHasher(IOptions<PasswordHashingOptions> options)
    {
        _options = options.Value;
        _slots = new SemaphoreSlim(_options.EffectiveMaxConcurrency);
        _decoyHash = new Lazy<string>(() => HashNow(RandomNumberGenerator.GetHexString(32)));
    }

    /// <summary>Hashes the password's normal form (<see cref="PasswordPolicy.Normalize"/>).</summary>
    public Task<string> Hash(Password password) => RunBounded(() => HashNow(PasswordPolicy.Normalize(password.Value)));

    /// <summary>
    /// Verifies the normal form, and, when the text as sent differs from it, the text as sent too: hashes made before
    /// passwords were normalised hold the raw text. An unknown user's decoy verification does the same number of
    /// hashes as a known user's wrong password.
    /// </summary>
    public Task<bool> Verify(string? passwordHash, Password password) =>
        RunBounded(() =>
        {
            var normalized = PasswordPolicy.Normalize(password.Value);
            var asSent = normalized == password.Value ? null : password.Value;
            if (passwordHash is null)
            {
                _ = Argon2.Verify(_decoyHash.Value, normalized);
                _ = asSent is not null && Argon2.Verify(_decoyHash.Value, asSent);
                return false;
            }

            return Argon2.Verify(passwordHash, normalized) || (asSent is not null && Argon2.Verify(passwordHash, asSent));
        });

    public void Dispose() => _slots.Dispose();

    private async Task<T> RunBounded<T>(Func<T> work)
    {
        await _slots.WaitAsync().ConfigureAwait(false);
        try
        {
            return await Task.Run(work).ConfigureAwait(false);
        }
        finally
        {
            _slots.Release();
        }
    }

    private string HashNow(string password)
    {
        var config = new Argon2Config
        {
            Type = Argon2Type.HybridAddressing,
            Version = Argon2Version.Nineteen,
            MemoryCost = _options.MemoryKiB,
            TimeCost = _options.Iterations,
            Lanes = _options.Parallelism,
            Threads = _options.Parallelism,
            Password = Encoding.UTF8.GetBytes(password),
            Salt = RandomNumberGenerator.GetBytes(SaltBytes),
            HashLength = HashBytes,
        };

        using var argon2 = new Argon2(config);
        using var hash = argon2.Hash();
        return config.EncodeString(hash.Buffer);
    }
}
