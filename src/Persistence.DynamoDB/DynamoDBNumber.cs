namespace UserManagement.Persistence.DynamoDB;

/// <summary>The range of DynamoDB's Number type: 38 significant digits, magnitudes from 1E-130 to below 1E+126.</summary>
internal static class DynamoDBNumber
{
    private const int MaxSignificantDigits = 38;
    private const int MaxExponent = 125;
    private const int MinExponent = -130;

    /// <summary>Whether a JSON number can be stored as a DynamoDB Number without being refused or rounded.</summary>
    public static bool IsStorable(ReadOnlySpan<char> jsonNumber)
    {
        var span = jsonNumber;
        if (span.Length > 0 && span[0] == '-')
        {
            span = span[1..];
        }

        var exponentAt = span.IndexOfAny('e', 'E');
        var exponent = 0;
        if (exponentAt >= 0)
        {
            // A JSON exponent too long to parse is far beyond DynamoDB's range anyway.
            if (!int.TryParse(span[(exponentAt + 1)..], out exponent))
            {
                return false;
            }

            span = span[..exponentAt];
        }

        var pointAt = span.IndexOf('.');
        var integerDigits = pointAt >= 0 ? pointAt : span.Length;

        var firstSignificant = -1;
        var lastSignificant = -1;
        var digitIndex = 0;
        foreach (var c in span)
        {
            if (c == '.')
            {
                continue;
            }

            if (c != '0')
            {
                if (firstSignificant < 0)
                {
                    firstSignificant = digitIndex;
                }

                lastSignificant = digitIndex;
            }

            digitIndex++;
        }

        if (firstSignificant < 0)
        {
            return true; // zero
        }

        var significantDigits = lastSignificant - firstSignificant + 1;
        var scientificExponent = (long)integerDigits - firstSignificant - 1 + exponent;
        return significantDigits <= MaxSignificantDigits
            && scientificExponent <= MaxExponent
            && scientificExponent >= MinExponent;
    }
}
