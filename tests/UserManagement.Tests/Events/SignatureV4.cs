using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace UserManagement.Tests.Events;

/// <summary>
/// Recomputes the AWS Signature Version 4 of a received request from the secret key, the way the service checks it,
/// so a test can tell a correctly signed request from one that only looks signed.
/// </summary>
public static partial class SignatureV4
{
    public static SignedRequest Parse(RecordedRequest request)
    {
        var match = AuthorizationPattern().Match(request.Header("Authorization"));
        Assert.True(match.Success, $"Authorization is not a SigV4 header: '{request.Header("Authorization")}'");
        return new SignedRequest(
            match.Groups["key"].Value,
            match.Groups["date"].Value,
            match.Groups["region"].Value,
            match.Groups["service"].Value,
            match.Groups["headers"].Value.Split(';'),
            match.Groups["signature"].Value);
    }

    /// <summary>The signature the request should carry if it was signed with <paramref name="secretKey"/>.</summary>
    public static string Expected(RecordedRequest request, string secretKey)
    {
        var signed = Parse(request);
        var canonicalHeaders = string.Concat(signed.SignedHeaders.Select(name =>
            $"{name}:{Spaces().Replace(request.Header(name).Trim(), " ")}\n"));
        var canonicalRequest = string.Join('\n',
            request.Method,
            request.Path.Length == 0 ? "/" : request.Path,
            request.Query.TrimStart('?'),
            canonicalHeaders,
            string.Join(';', signed.SignedHeaders),
            Hex(SHA256.HashData(request.Body)));

        var amzDate = request.Header("X-Amz-Date");
        var scope = $"{signed.Date}/{signed.Region}/{signed.Service}/aws4_request";
        var stringToSign = string.Join('\n',
            "AWS4-HMAC-SHA256", amzDate, scope, Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest))));

        var key = Encoding.UTF8.GetBytes("AWS4" + secretKey);
        foreach (var part in new[] { signed.Date, signed.Region, signed.Service, "aws4_request" })
        {
            key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(part));
        }

        return Hex(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign)));
    }

    private static string Hex(byte[] bytes) => Convert.ToHexString(bytes).ToLower(CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^AWS4-HMAC-SHA256 Credential=(?<key>[^/]+)/(?<date>\d{8})/(?<region>[^/]+)/(?<service>[^/]+)/aws4_request, ?SignedHeaders=(?<headers>[a-z0-9;-]+), ?Signature=(?<signature>[0-9a-f]{64})$")]
    private static partial Regex AuthorizationPattern();

    [GeneratedRegex(" +")]
    private static partial Regex Spaces();

    public sealed record SignedRequest(
        string AccessKey, string Date, string Region, string Service, IReadOnlyList<string> SignedHeaders, string Signature);
}
