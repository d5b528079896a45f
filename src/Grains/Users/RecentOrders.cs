using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using UserManagement.Contracts.Users;

namespace UserManagement.Grains.Users;

/// <summary>
/// The orders a user counted within the retention window, packed into one byte array: per order 12 bytes, the first 8
/// bytes of the SHA-256 of its id and the second it was counted (Unix time, unsigned 32 bits), oldest first.
/// </summary>
/// <remarks>
/// A digest rather than the id: the ids are the producer's, of any length up to the ingest's bound, and a fixed size per
/// order keeps the user's item small and its size independent of them. With 64 bits, the chance that a new order is
/// taken for one already counted is the number remembered over 2^64: one in 3.7 million million for a user at the cap.
/// One array rather than a list: the storage writes it as a single base64 string, 16 bytes an order, where a list
/// of strings would cost a few bytes of overhead per element on top of the text.
/// </remarks>
public static class RecentOrders
{
    public const int EntryBytes = DigestBytes + sizeof(uint);

    private const int DigestBytes = sizeof(ulong);

    /// <summary>
    /// Counts <paramref name="orderId"/> now unless it is among the orders of <paramref name="packed"/>: then
    /// <paramref name="updated"/> holds the orders still within the retention window at <paramref name="now"/>, the
    /// oldest beyond the cap dropped (<paramref name="dropped"/> says how many), and this one last. Returns
    /// <see langword="false"/>, with nothing updated, for an order already remembered.
    /// </summary>
    public static bool TryAdd(
        ReadOnlySpan<byte> packed, string orderId, DateTimeOffset now, OrderCountingOptions options, out byte[] updated, out int dropped)
    {
        var digest = Digest(orderId);
        var oldestKept = Seconds(now - options.Retention);
        var kept = 0;
        for (var offset = 0; offset + EntryBytes <= packed.Length; offset += EntryBytes)
        {
            if (DigestAt(packed, offset) == digest)
            {
                (updated, dropped) = ([], 0);
                return false;
            }

            kept += IsRecent(packed, offset, oldestKept) ? 1 : 0;
        }

        dropped = Math.Max(0, kept + 1 - options.MaxRememberedOrders);
        updated = new byte[(kept - dropped + 1) * EntryBytes];
        var (written, toDrop) = (0, dropped);
        for (var offset = 0; offset + EntryBytes <= packed.Length; offset += EntryBytes)
        {
            if (IsRecent(packed, offset, oldestKept) && toDrop-- <= 0)
            {
                packed.Slice(offset, EntryBytes).CopyTo(updated.AsSpan(written));
                written += EntryBytes;
            }
        }

        Write(updated.AsSpan(written), digest, now);
        return true;
    }

    /// <summary>
    /// <paramref name="packed"/> with the ids a user stored before orders were remembered by time, as counted at
    /// <paramref name="countedAt"/>: when they were counted is not known, so they are kept for a whole window from now.
    /// </summary>
    public static byte[] Including(ReadOnlySpan<byte> packed, IReadOnlyCollection<string> orderIds, DateTimeOffset countedAt)
    {
        var result = new byte[packed.Length + (orderIds.Count * EntryBytes)];
        packed.CopyTo(result);
        var written = packed.Length;
        foreach (var orderId in orderIds)
        {
            Write(result.AsSpan(written), Digest(orderId), countedAt);
            written += EntryBytes;
        }

        return result;
    }

    private static ulong DigestAt(ReadOnlySpan<byte> packed, int offset) => BinaryPrimitives.ReadUInt64BigEndian(packed[offset..]);

    // An entry from a clock ahead of this one counts as recent rather than being lost.
    private static bool IsRecent(ReadOnlySpan<byte> packed, int offset, uint oldestKept) =>
        BinaryPrimitives.ReadUInt32BigEndian(packed[(offset + DigestBytes)..]) >= oldestKept;

    private static void Write(Span<byte> entry, ulong digest, DateTimeOffset countedAt)
    {
        BinaryPrimitives.WriteUInt64BigEndian(entry, digest);
        BinaryPrimitives.WriteUInt32BigEndian(entry[DigestBytes..], Seconds(countedAt));
    }

    private static ulong Digest(string orderId) =>
        BinaryPrimitives.ReadUInt64BigEndian(SHA256.HashData(Encoding.UTF8.GetBytes(orderId)));

    private static uint Seconds(DateTimeOffset time) => (uint)Math.Clamp(time.ToUnixTimeSeconds(), 0, uint.MaxValue);
}
