using FsCheck;
using FsCheck.Fluent;

namespace UserManagement.Tests.Builders;

/// <summary>
/// Generators of the headers that say how a body is encoded and what the client takes back: content types with every
/// spelling of a charset, content codings, and <c>Accept</c>-family values, well-formed, odd and broken.
/// </summary>
public static class HostileHeaders
{
    private static readonly string[] JsonMediaTypes = ["application/json", "APPLICATION/JSON", "Application/Json", "application/problem+json", "application/vnd.shop+json"];

    private static readonly string[] OtherMediaTypes =
    [
        "text/plain", "text/json", "text/html", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
        "application/octet-stream", "application/jsonx", "application/json-patch", "*/*", "application/*", "json", "application", "/json",
    ];

    private static readonly string[] Utf8Charsets = ["utf-8", "UTF-8", "Utf-8", "utf8", "\"utf-8\"", "\"UTF8\""];

    private static readonly string[] OtherCharsets =
    [
        "xyz", "utf-7", "utf-16", "utf-16le", "UTF-32", "iso-8859-1", "latin1", "us-ascii", "windows-1252", "ebcdic-cp-us",
        "", "\"\"", "\"utf-8", "utf-8\"", "utf -8", "\u00fctf-8", "utf-8, utf-16",
    ];

    private static readonly string[] Codings = ["gzip", "x-gzip", "deflate", "br", "zstd", "compress", "gzip, identity", "identity, gzip", "chunked", "*"];

    private static readonly string[] AcceptValues =
    [
        "*/*", "application/json", "application/problem+json", "text/html", "application/xml", "text/html, application/xhtml+xml;q=0.9",
        "image/*;q=1, */*;q=0", "application/json;q=0", "*/*;q=", ";;;", "q=1", "text/*, */*;q=0.01", "application/json; charset=utf-16",
    ];

    private static readonly string[] AcceptEncodingValues = ["gzip", "gzip, deflate, br", "identity;q=0", "*;q=0", "br;q=1.5", "x;y;z", ""];

    private static readonly string[] AcceptCharsetValues = ["utf-8", "iso-8859-1;q=1, utf-8;q=0", "utf-16", "*;q=0", "x", ""];

    /// <summary>
    /// Headers of a request with a body. Those generated from known parts say whether the service must refuse the
    /// body's form (415); those of random text are left open, and only must not break anything.
    /// </summary>
    public static Gen<RequestHeaders> ForBody { get; } =
        Gen.Zip(Gen.Zip(ContentTypes(), ContentEncodings()), ResponseHeaders()).Select(parts =>
        {
            var (((contentType, typeUsable), (contentEncoding, codingUsable)), accept) = parts;
            bool? usable = typeUsable is false || codingUsable is false ? false
                : typeUsable is true && codingUsable is true ? true
                : null;
            return accept with { ContentType = contentType, ContentEncoding = contentEncoding, BodyFormUsable = usable };
        });

    /// <summary>The headers that say what the client takes back, for requests without a body.</summary>
    public static Gen<RequestHeaders> ForReading { get; } = ResponseHeaders();

    private static Gen<(string? Value, bool? Usable)> ContentTypes() => Gen.Frequency(
        (10, Known("application/json", true)),
        (3, Gen.Zip(Gen.Zip(Gen.Elements(JsonMediaTypes), Gen.Elements(Utf8Charsets)), Separators())
            .SelectMany(p => Known($"{p.Item1.Item1}{p.Item2}charset={p.Item1.Item2}", true))),
        (4, Gen.Zip(Gen.Zip(Gen.Elements(JsonMediaTypes), Gen.Elements(OtherCharsets)), Separators())
            .SelectMany(p => Known($"{p.Item1.Item1}{p.Item2}charset={p.Item1.Item2}", false))),
        (1, Gen.Zip(Gen.Elements(Utf8Charsets), Gen.Elements(OtherCharsets))
            .SelectMany(p => Known($"application/json; charset={p.Item1}; charset={p.Item2}", false))),
        (2, Gen.Elements(OtherMediaTypes).SelectMany(t => Known(t, false))),
        (1, Known(null, false)),
        (2, HeaderText().SelectMany(t => Known(t, null))));

    private static Gen<(string? Value, bool? Usable)> ContentEncodings() => Gen.Frequency(
        (14, Known(null, true)),
        (1, Gen.Elements("identity", "IDENTITY", " identity ").SelectMany(c => Known(c, true))),
        (2, Gen.Elements(Codings).SelectMany(c => Known(c, false))),
        (1, HeaderText().SelectMany(t => Known(t, null))));

    private static Gen<(string? Value, bool? Usable)> Known(string? value, bool? usable) => Gen.Constant((value, usable));

    private static Gen<RequestHeaders> ResponseHeaders() => Gen.Zip(
            Gen.Zip(Optional(Gen.OneOf(Gen.Elements(AcceptValues), HeaderText())), Optional(Gen.OneOf(Gen.Elements(AcceptEncodingValues), HeaderText()))),
            Optional(Gen.OneOf(Gen.Elements(AcceptCharsetValues), HeaderText())))
        .Select(p => new RequestHeaders { Accept = p.Item1.Item1, AcceptEncoding = p.Item1.Item2, AcceptCharset = p.Item2 });

    private static Gen<string> Separators() => Gen.Elements("; ", ";", " ; ", ";\t");

    private static Gen<string?> Optional(Gen<string> value) => Gen.Frequency((1, Gen.Constant<string?>(null)), (2, value.Select(v => (string?)v)));

    /// <summary>Any text a client can put in a header: printable ASCII, some Latin-1, and what looks like syntax.</summary>
    private static Gen<string> HeaderText() =>
        Gen.ListOf(Gen.Frequency(
                (6, Gen.Choose(0x20, 0x7E).Select(c => ((char)c).ToString())),
                (1, Gen.Choose(0xA0, 0xFF).Select(c => ((char)c).ToString())),
                (2, Gen.Elements(";", "=", "\"", ",", "/", "+", "*", "q=", "charset=", "utf-8"))),
            16)
            .Select(parts => string.Concat(parts));
}
