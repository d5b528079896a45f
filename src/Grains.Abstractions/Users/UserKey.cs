using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace UserManagement.Contracts.Users;

/// <summary>
/// The user id is a name-based UUID (RFC 9562 version 5) of the canonical email address (see
/// <see cref="EmailAddress"/>), so either the id or the address leads to the same grain with no lookup table, and the
/// id reveals nothing readable about the address.
/// </summary>
/// <remarks>
/// Ids were first derived from the address trimmed, in NFC and lower case. The canonical form is that same text for
/// every address already written canonically (lower case, no compatibility characters, an ASCII or A-label domain, no
/// trailing dot), so those users keep their ids: the name hashed is the same UTF-8 text under the same namespace.
/// </remarks>
public static class UserKey
{
    private static readonly Guid UsersNamespace = new("7b0c2f5e-8a4d-4c51-9d3e-2f6a1b8c9e40");

    public static string FromEmailAddress(string emailAddress) => FromName(EmailAddress.Normalize(emailAddress));

    /// <summary>
    /// The id a valid address got before addresses were canonicalised: of its text trimmed, in NFC and lower case.
    /// The same as <see cref="FromEmailAddress"/> for an address written canonically; another for a spelling that was
    /// not (<c>bücher.de</c>, a trailing dot, fullwidth letters), under which an account may have been registered.
    /// </summary>
    public static string FormerFromEmailAddress(string emailAddress) =>
        EmailAddress.IsValid(emailAddress)
            ? FromName(emailAddress.Trim().Normalize(NormalizationForm.FormC).ToLowerInvariant())
            : throw new ArgumentException("Not a valid email address.", nameof(emailAddress));

    [SuppressMessage("Security", "CA5350", Justification = "RFC 9562 defines version 5 UUIDs on SHA-1; the id is a name, not a secret.")]
    private static string FromName(string text)
    {
        var name = Encoding.UTF8.GetBytes(text);
        Span<byte> input = stackalloc byte[16 + name.Length];
        UsersNamespace.TryWriteBytes(input, bigEndian: true, out _);
        name.CopyTo(input[16..]);

        Span<byte> hash = stackalloc byte[SHA1.HashSizeInBytes];
        SHA1.HashData(input, hash);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash[..16], bigEndian: true).ToString("D");
    }

    /// <summary>Resolves a user id or an email address (as order events and the API accept either) to the grain key.</summary>
    public static bool TryResolve(string? userIdOrEmailAddress, out string userId)
    {
        userId = string.Empty;
        if (string.IsNullOrWhiteSpace(userIdOrEmailAddress))
        {
            return false;
        }

        if (userIdOrEmailAddress.Contains('@', StringComparison.Ordinal))
        {
            if (!EmailAddress.TryCanonicalize(userIdOrEmailAddress, out var canonical))
            {
                return false;
            }

            userId = FromEmailAddress(canonical);
            return true;
        }

        if (Guid.TryParseExact(userIdOrEmailAddress.Trim(), "D", out var id))
        {
            userId = id.ToString("D");
            return true;
        }

        return false;
    }
}
