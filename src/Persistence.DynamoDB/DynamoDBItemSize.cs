using System.Text;
using Amazon.DynamoDBv2.Model;

namespace UserManagement.Persistence.DynamoDB;

/// <summary>
/// An upper estimate of an item's size as DynamoDB counts it against its 400 KB limit: attribute names and strings in
/// UTF-8 bytes, numbers by their digits, and a few bytes for each list, map and element.
/// </summary>
/// <remarks>
/// The estimate errs on the large side, so an item it lets through is not refused by DynamoDB. The storage writes no
/// sets and no binaries, so they are not counted.
/// </remarks>
internal static class DynamoDBItemSize
{
    /// <summary>DynamoDB's item limit: 400 KB, names and values together.</summary>
    public const int MaxBytes = 400 * 1024;

    public static long Of(Dictionary<string, AttributeValue> item)
    {
        long size = 0;
        foreach (var (name, value) in item)
        {
            size += Encoding.UTF8.GetByteCount(name) + Of(value);
        }

        return size;
    }

    private static long Of(AttributeValue value)
    {
        if (value.S is not null)
        {
            return Encoding.UTF8.GetByteCount(value.S);
        }

        if (value.N is not null)
        {
            return NumberSize(value.N);
        }

        if (value.M is not null)
        {
            long size = 3;
            foreach (var (name, member) in value.M)
            {
                size += 1 + Encoding.UTF8.GetByteCount(name) + Of(member);
            }

            return size;
        }

        if (value.L is not null)
        {
            long size = 3;
            foreach (var member in value.L)
            {
                size += 1 + Of(member);
            }

            return size;
        }

        return 1; // BOOL or NULL
    }

    // DynamoDB stores two digits a byte plus a byte or so; the text length bounds the digits from above.
    private static long NumberSize(string number) => 3 + ((number.Length + 1) / 2);
}
