using Microsoft.AspNetCore.Http.Features;

namespace UserManagement.Gateway.Common;

/// <summary>Refuses request bodies over 64 KiB: up front when the length is declared, while reading when it is not.</summary>
public static class RequestBodyLimit
{
    public const int MaxBytes = 64 * 1024;

    public static readonly string TooLargeDetail = $"The request body is larger than {MaxBytes} bytes.";

    public static IApplicationBuilder UseRequestBodyLimit(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.Request.ContentLength > MaxBytes)
        {
            await Problems.Write(
                context,
                StatusCodes.Status413PayloadTooLarge,
                "Request body too large",
                TooLargeDetail);
            return;
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxBytes;
        }

        await next(context);
    });
}
