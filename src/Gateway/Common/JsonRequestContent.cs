using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Net.Http.Headers;

namespace UserManagement.Gateway.Common;

/// <summary>
/// Checks the body's declared form before an endpoint reads it. JSON between systems is UTF-8 (RFC 8259, section 8.1),
/// and the service decodes no content coding, so any other charset, media type or coding is refused with 415 here:
/// the JSON reader would otherwise throw on a charset it cannot map (a 500) or transcode one it can.
/// </summary>
public static class JsonRequestContent
{
    public const string UnsupportedDetail = "The request body must be UTF-8 JSON (Content-Type: application/json), sent without a content coding.";

    private const string Identity = "identity";

    public static IApplicationBuilder UseJsonRequestContent(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var request = context.Request;
        if (context.GetEndpoint()?.Metadata.GetMetadata<IAcceptsMetadata>() is null || !MayHaveBody(context))
        {
            await next(context);
            return;
        }

        if (!IsIdentityCoding(request.Headers.ContentEncoding))
        {
            // RFC 7694: a 415 for a content coding names the codings the server does accept.
            context.Response.Headers.AcceptEncoding = Identity;
            await Unsupported(context);
            return;
        }

        if (!TryGetUtf8JsonMediaType(request.ContentType, out var mediaType))
        {
            await Unsupported(context);
            return;
        }

        // The reader maps a charset parameter itself, and fails on spellings of UTF-8 it does not know ("utf8",
        // quoted); without one it reads UTF-8, which is what was checked.
        request.ContentType = mediaType;
        await next(context);
    });

    /// <summary>Whether <paramref name="contentType"/> is JSON whose charset, if it names one, is UTF-8.</summary>
    public static bool TryGetUtf8JsonMediaType(string? contentType, out string mediaType)
    {
        mediaType = "";
        if (!MediaTypeHeaderValue.TryParse(contentType, out var parsed)
            || !parsed.Type.Equals("application", StringComparison.OrdinalIgnoreCase)
            || !(parsed.SubType.Equals("json", StringComparison.OrdinalIgnoreCase)
                || parsed.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase)))
        {
            return false;
        }

        var charsets = parsed.Parameters.Where(p => p.Name.Equals("charset", StringComparison.OrdinalIgnoreCase)).ToList();
        if (charsets.Count > 1 || (charsets.Count == 1 && !IsUtf8(HeaderUtilities.RemoveQuotes(charsets[0].Value).Value)))
        {
            return false;
        }

        mediaType = parsed.MediaType.Value!;
        return true;
    }

    private static bool IsUtf8(string? charset) =>
        string.Equals(charset, "utf-8", StringComparison.OrdinalIgnoreCase) || string.Equals(charset, "utf8", StringComparison.OrdinalIgnoreCase);

    private static bool IsIdentityCoding(Microsoft.Extensions.Primitives.StringValues codings) =>
        codings.SelectMany(value => (value ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            .All(coding => coding.Equals(Identity, StringComparison.OrdinalIgnoreCase));

    private static bool MayHaveBody(HttpContext context) =>
        context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody ?? context.Request.ContentLength > 0;

    private static Task Unsupported(HttpContext context) =>
        Problems.Write(context, StatusCodes.Status415UnsupportedMediaType, "Unsupported request body", UnsupportedDetail);
}
