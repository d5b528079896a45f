using System.Diagnostics.Metrics;
using System.Security.Cryptography;
using System.Text;
using Isopoh.Cryptography.Argon2;
using Microsoft.Extensions.Options;
using UserManagement.Contracts.Users;
using UserManagement.Contracts.Passwords;

namespace UserManagement.Grains.Passwords;

/// <summary>
/// Argon2id on threads of its own (see <see cref="HashingQueue"/>): a grain awaiting a hash holds no scheduler turn and
/// no thread-pool thread, at most <see cref="PasswordHashingOptions.EffectiveMaxConcurrency"/> hashes run at once, so
/// a core stays with the runtime, and a log-in flood is refused at the queue instead of starving the silo.
/// </summary>
public sealed class Argon2idPasswordHasher : IPasswordHasher, IDisposable
{
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    private readonly PasswordHashingOptions _options;
    private readonly HashingQueue _queue;
    private readonly Lazy<string> _decoyHash;

    public Argon2idPasswordHasher(IOptions<PasswordHashingOptions> options, IMeterFactory? meters = null)
    {
        _options = options.Value;
        _queue = new HashingQueue(
            _options.EffectiveMaxConcurrency, _options.EffectiveQueueLimit, _options.QueueTimeout, meters);
        _decoyHash = new Lazy<string>(() => HashNow(RandomNumberGenerator.GetHexString(32)));
    }

    /// <summary>Hashes the password's normal form (<see cref="PasswordPolicy.Normalize"/>).</summary>
    public Task<string> Hash(Password password, CancellationToken cancellationToken = default) =>
        _queue.Run(() => HashNow(PasswordPolicy.Normalize(password.Value)), cancellationToken);

    /// <summary>
    /// Verifies the normal form, and, when the text as sent differs from it, the text as sent too: hashes made before
    /// passwords were normalised hold the raw text. An unknown user's decoy verification does the same number of
    /// hashes as a known user's wrong password.
    /// </summary>
    public Task<bool> Verify(string? passwordHash, Password password, CancellationToken cancellationToken = default) =>
        _queue.Run(
            () =>
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
            },
            cancellationToken);

    public void Dispose() => _queue.Dispose();

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
