namespace UserManagement.Tests.Builders;

/// <summary>Headers a hostile request carries; <see langword="null"/> means not sent.</summary>
public sealed record RequestHeaders
{
    public string? ContentType { get; init; }

    public string? ContentEncoding { get; init; }

    public string? Accept { get; init; }

    public string? AcceptEncoding { get; init; }

    public string? AcceptCharset { get; init; }

    /// <summary>Whether the body's declared form is one the service reads; <see langword="null"/> when not known.</summary>
    public bool? BodyFormUsable { get; init; }

    public void ApplyTo(HttpRequestMessage request)
    {
        Add(request.Headers, "Accept", Accept);
        Add(request.Headers, "Accept-Encoding", AcceptEncoding);
        Add(request.Headers, "Accept-Charset", AcceptCharset);
        if (request.Content is { } content)
        {
            content.Headers.ContentType = null;
            Add(content.Headers, "Content-Type", ContentType);
            Add(content.Headers, "Content-Encoding", ContentEncoding);
        }
    }

    private static void Add(System.Net.Http.Headers.HttpHeaders headers, string name, string? value)
    {
        if (value is not null)
        {
            headers.TryAddWithoutValidation(name, value);
        }
    }
}
