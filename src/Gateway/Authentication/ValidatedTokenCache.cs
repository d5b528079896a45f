using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.IdentityModel.Tokens;

namespace UserManagement.Gateway.Authentication;

/// <summary>
/// The outcome of validating a token, remembered per token until it expires (never longer), so that a client that
/// sends the same token with every request pays for its signature and claims checks once. Only tokens that passed
/// every check are remembered; a refused token is checked afresh each time. Bounded in size: when full, expired
/// entries are dropped, and a token that still finds no room is simply not remembered. Everything is forgotten when
/// the validation parameters (the keys, issuers, audience) are not the ones it was filled under: the scheme's
/// configured parameters, of which each request validates with a copy.
/// </summary>
public sealed class ValidatedTokenCache(int capacity, TimeProvider time)
{
    private static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private TokenValidationParameters? _filledUnder;
    private long _lastSweepTicks;

    public int Count => _entries.Count;

    /// <summary>A copy of the remembered outcome of <paramref name="token"/>, if it was validated under <paramref name="parameters"/> and has not expired.</summary>
    public TokenValidationResult? Find(string token, TokenValidationParameters parameters)
    {
        if (!ReferenceEquals(Volatile.Read(ref _filledUnder), parameters) || !_entries.TryGetValue(token, out var entry))
        {
            return null;
        }

        if (entry.ExpiresAt <= time.GetUtcNow())
        {
            _entries.TryRemove(token, out _);
            return null;
        }

        // Each request gets an identity of its own: whatever a request adds to it stays with that request.
        return new TokenValidationResult
        {
            IsValid = true,
            SecurityToken = entry.Token,
            ClaimsIdentity = entry.Identity.Clone(),
            Issuer = entry.Issuer,
            TokenType = entry.TokenType,
        };
    }

    /// <summary>Remembers a valid token's outcome until the token's own expiry.</summary>
    public void Remember(string token, TokenValidationParameters parameters, TokenValidationResult result)
    {
        if (capacity == 0 || !result.IsValid || result.SecurityToken is not { } validated || validated.ValidTo == DateTime.MinValue)
        {
            return;
        }

        var previous = Interlocked.Exchange(ref _filledUnder, parameters);
        if (!ReferenceEquals(previous, parameters))
        {
            _entries.Clear();
        }

        var now = time.GetUtcNow();
        var expiresAt = new DateTimeOffset(DateTime.SpecifyKind(validated.ValidTo, DateTimeKind.Utc));
        if (expiresAt <= now || (_entries.Count >= capacity && !SweptRoom(now)))
        {
            return;
        }

        _entries[token] = new Entry(validated, result.ClaimsIdentity, result.Issuer, result.TokenType, expiresAt);
    }

    /// <summary>Forgets every token, as when the signing keys change.</summary>
    public void Clear() => _entries.Clear();

    private bool SweptRoom(DateTimeOffset now)
    {
        var last = Interlocked.Read(ref _lastSweepTicks);
        if (now.UtcTicks - last < SweepInterval.Ticks || Interlocked.CompareExchange(ref _lastSweepTicks, now.UtcTicks, last) != last)
        {
            return false;
        }

        foreach (var (token, entry) in _entries)
        {
            if (entry.ExpiresAt <= now)
            {
                _entries.TryRemove(token, out _);
            }
        }

        return _entries.Count < capacity;
    }

    private sealed record Entry(SecurityToken Token, ClaimsIdentity Identity, string? Issuer, string? TokenType, DateTimeOffset ExpiresAt);
}
