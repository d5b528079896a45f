using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;

namespace UserManagement.Tests.Builders;

/// <summary>Generators of what an attacker or a broken client sends: odd text, wrong JSON, forged tokens.</summary>
public static class HostileInput
{
    private static readonly string[] NastyStrings =
    [
        "", " ", "\0", "\t\r\n", "null", "true", "0", "-1", "1e309", "' OR 1=1 --", "\"; DROP TABLE users; --",
        "<script>alert(1)</script>", "../../etc/passwd", "%00", "%2F..%2F", "\uD800", "\uDFFF\uD800", "😀", "é", "e\u0301",
        "root@example.com", "ROOT@EXAMPLE.COM", "a@b", "@example.com", "user@", "a@b..com",
        "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA", "{{7*7}}", "${jndi:ldap://x}", new string('a', 300),
        new string('x', 5_000), "00000000-0000-0000-0000-000000000000", "password", "correct horse battery",
    ];

    public static Gen<string> Text { get; } = Gen.Frequency(
        (3, Gen.Elements(NastyStrings)),
        (3, ArbMap.Default.GeneratorFor<string>().Select(s => s ?? "")),
        (2, Gen.Choose(0, 1_000_000).Select(n => $"user-{n}@example.com")),
        (1, Gen.Choose(0, 1_000_000).Select(n => $"passphrase number {n}")));

    /// <summary>Any JSON value, as text, with strings escaped so that even lone surrogates travel.</summary>
    public static Gen<string> JsonValue { get; } = Gen.Sized(size => JsonValueOfDepth(Math.Min(size, 3)));

    /// <summary>A request body: mostly an object with the expected field names and hostile values, sometimes not JSON at all.</summary>
    public static Gen<string> Body(params string[] fieldNames) => Gen.Frequency(
        (6, Gen.SubListOf(fieldNames.Append("extra").Append("__proto__").ToArray())
            .SelectMany(names => Gen.ArrayOf(JsonValue, names.Count).Select(values => JsonObject(names.Zip(values))))),
        (2, Gen.ArrayOf(Text, fieldNames.Length).Select(values => JsonObject(fieldNames.Zip(values.Select(JsonString))))),
        (1, Text),
        (1, JsonValue));

    /// <summary>An <c>Authorization</c> header value no one issued: garbage, unsigned, tampered or foreign tokens.</summary>
    public static Gen<string?> ForgedAuthorization(string userId) => Gen.OneOf(
        Gen.Constant<string?>(null),
        Text.Select(t => (string?)t),
        Text.Select(t => (string?)$"Bearer {t}"),
        Gen.Elements("ADMIN", "STANDARD", "PREMIUM").Select(tier => (string?)$"Bearer {Infrastructure.TestTokens.WithoutSignature(userId, tier)}"),
        Text.Select(secret => (string?)$"Bearer {Infrastructure.TestTokens.SignedWith(userId, "ADMIN", secret: "forged-" + secret.PadRight(40, 'k'))}"),
        Gen.ArrayOf(Text, 3).Select(parts => (string?)$"Bearer {string.Join('.', parts.Select(p => Convert.ToBase64String(Encoding.UTF8.GetBytes(p))))}"));

    private static Gen<string> JsonValueOfDepth(int depth)
    {
        var scalars = Gen.OneOf(
            Text.Select(JsonString),
            Gen.Choose(int.MinValue, int.MaxValue).Select(n => n.ToString(CultureInfo.InvariantCulture)),
            Gen.Elements("true", "false", "null", "1.5e300", "-0"));
        if (depth <= 0)
        {
            return scalars;
        }

        var inner = JsonValueOfDepth(depth - 1);
        return Gen.Frequency(
            (6, scalars),
            (1, Gen.ListOf(inner, 3).Select(items => $"[{string.Join(',', items)}]")),
            (1, Gen.ListOf(Gen.Zip(Text, inner), 3).Select(pairs => JsonObject(pairs.Select(p => (p.Item1, p.Item2))))));
    }

    private static string JsonObject(IEnumerable<(string Name, string Value)> members) =>
        "{" + string.Join(',', members.Select(m => $"{JsonString(m.Name)}:{m.Value}")) + "}";

    private static string JsonString(string text)
    {
        var json = new StringBuilder("\"");
        foreach (var c in text)
        {
            json.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                _ when c < ' ' || char.IsSurrogate(c) => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }

        return json.Append('"').ToString();
    }
}
