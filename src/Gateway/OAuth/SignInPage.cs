using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;

namespace UserManagement.Gateway.OAuth;

/// <summary>
/// The server-rendered pages of the authorization endpoint: sign-in, consent and error. No script runs; the only style
/// is inline under a per-response nonce, and forms may post only to this page (which then redirects to the client).
/// Everything a user or client sent is HTML-encoded; nothing secret is ever written into a page or a URL.
/// </summary>
public static class SignInPage
{
    private static readonly HtmlEncoder Html = HtmlEncoder.Default;

    /// <summary>The request parameters the pages carry from step to step in hidden fields; never a secret.</summary>
    public sealed record FormState(
        IReadOnlyList<KeyValuePair<string, string>> Parameters, string AntiforgeryField, string AntiforgeryToken, Uri RedirectUri);

    public static IResult SignIn(FormState form, string clientName, string? emailAddress, string? error, int status = StatusCodes.Status200OK)
    {
        var body = new StringBuilder()
            .Append("<h1>Sign in to the shop</h1>")
            .Append("<p><strong>").Append(Html.Encode(clientName)).Append("</strong> asks to use your shop account.</p>");
        if (error is not null)
        {
            body.Append("<p id=\"error\" class=\"error\" role=\"alert\">").Append(Html.Encode(error)).Append("</p>");
        }

        var describedBy = error is null ? "" : " aria-describedby=\"error\" aria-invalid=\"true\"";
        body.Append("<form method=\"post\" action=\"/oauth/authorize\">");
        AppendHiddenFields(body, form);
        body.Append("<input type=\"hidden\" name=\"step\" value=\"sign-in\">")
            .Append("<label for=\"email_address\">Email address</label>")
            .Append("<input id=\"email_address\" name=\"email_address\" type=\"email\" autocomplete=\"username\" required autofocus")
            .Append(describedBy).Append(" value=\"").Append(Html.Encode(emailAddress ?? "")).Append("\">")
            .Append("<label for=\"password\">Password</label>")
            .Append("<input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\" required").Append(describedBy).Append('>')
            .Append("<button type=\"submit\">Sign in</button>")
            .Append("</form>");
        return Page("Sign in", body.ToString(), status, form);
    }

    public static IResult Consent(FormState form, string clientName, string signInTicket, IEnumerable<ScopeDescription> scopes)
    {
        var body = new StringBuilder()
            .Append("<h1>Allow access?</h1>")
            .Append("<p><strong>").Append(Html.Encode(clientName)).Append("</strong> wants to:</p><ul>");
        foreach (var scope in scopes)
        {
            body.Append("<li><strong>").Append(Html.Encode(scope.DisplayName)).Append("</strong>: ").Append(Html.Encode(scope.Description)).Append("</li>");
        }

        body.Append("</ul><p>Allow it only if you trust this application. Your answer is remembered for it.</p>")
            .Append("<form method=\"post\" action=\"/oauth/authorize\">");
        AppendHiddenFields(body, form);
        body.Append("<input type=\"hidden\" name=\"step\" value=\"consent\">")
            .Append("<input type=\"hidden\" name=\"sign_in_ticket\" value=\"").Append(Html.Encode(signInTicket)).Append("\">")
            .Append("<div class=\"actions\">")
            .Append("<button type=\"submit\" name=\"decision\" value=\"allow\">Allow</button>")
            .Append("<button type=\"submit\" name=\"decision\" value=\"deny\" class=\"secondary\">Deny</button>")
            .Append("</div></form>");
        return Page("Allow access", body.ToString(), StatusCodes.Status200OK, form);
    }

    public static IResult Error(int status, string title, string detail) =>
        Page(title, $"<h1>{Html.Encode(title)}</h1><p role=\"alert\">{Html.Encode(detail)}</p><p>Go back to the application and start again.</p>", status, form: null);

    private static void AppendHiddenFields(StringBuilder body, FormState form)
    {
        body.Append("<input type=\"hidden\" name=\"").Append(Html.Encode(form.AntiforgeryField))
            .Append("\" value=\"").Append(Html.Encode(form.AntiforgeryToken)).Append("\">");
        foreach (var (name, value) in form.Parameters)
        {
            body.Append("<input type=\"hidden\" name=\"").Append(Html.Encode(name)).Append("\" value=\"").Append(Html.Encode(value)).Append("\">");
        }
    }

    private static HtmlPage Page(string title, string body, int status, FormState? form)
    {
        var nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        var html = $"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="referrer" content="no-referrer">
            <title>{Html.Encode(title)} · Shop</title>
            <style nonce="{nonce}">{Styles}</style>
            </head>
            <body><main>{body}</main></body>
            </html>
            """;
        return new HtmlPage(html, status, nonce, form?.RedirectUri);
    }

    // Text #1b1b1b on #ffffff (17:1), buttons #ffffff on #0b57d0 (6.6:1), errors #a50e0e on #fdecea (7:1): above WCAG AA.
    private const string Styles =
        "body{margin:0;font:16px/1.5 system-ui,sans-serif;color:#1b1b1b;background:#f3f4f6}" +
        "main{max-width:26rem;margin:3rem auto;padding:2rem;background:#fff;border-radius:8px;box-shadow:0 1px 4px #0003}" +
        "h1{font-size:1.5rem;margin-top:0}label{display:block;font-weight:600;margin-top:1rem}" +
        "input[type=email],input[type=password]{box-sizing:border-box;width:100%;padding:.6rem;margin-top:.25rem;font:inherit;border:1px solid #6b7280;border-radius:4px}" +
        "button{margin-top:1.5rem;padding:.65rem 1.4rem;font:inherit;font-weight:600;color:#fff;background:#0b57d0;border:0;border-radius:4px;cursor:pointer}" +
        "button.secondary{color:#0b57d0;background:#fff;border:2px solid #0b57d0}.actions{display:flex;gap:1rem}" +
        "input:focus-visible,button:focus-visible{outline:3px solid #e37400;outline-offset:2px}" +
        ".error{padding:.75rem;color:#a50e0e;background:#fdecea;border-radius:4px}";

    /// <summary>An HTML answer with its own Content-Security-Policy, which the API-wide headers leave in place.</summary>
    private sealed class HtmlPage(string html, int status, string nonce, Uri? redirectUri) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            response.StatusCode = status;
            response.ContentType = "text/html; charset=utf-8";

            // A form's answer redirects to the client; browsers apply form-action to that redirect, so it is allowed too.
            var redirect = redirectUri is null ? "" : " " + redirectUri.GetLeftPart(UriPartial.Authority);
            response.Headers.ContentSecurityPolicy =
                $"default-src 'none'; style-src 'nonce-{nonce}'; form-action 'self'{redirect}; frame-ancestors 'none'; base-uri 'none'";
            return response.WriteAsync(html, Encoding.UTF8);
        }
    }
}
