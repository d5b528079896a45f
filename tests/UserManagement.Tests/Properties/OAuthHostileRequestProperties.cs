using System.Net;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using UserManagement.Tests.Builders;
using UserManagement.Tests.Infrastructure;
using UserManagement.Tests.OAuth;

namespace UserManagement.Tests.Properties;

/// <summary>
/// The OAuth endpoints under the same random and hostile input: never a 5xx, never a code or token for input no one
/// was issued, never a redirect to a URI the client did not register, never a secret sent back.
/// </summary>
public sealed partial class HostileRequestProperties
{
    private static readonly string[] TokenFields =
        ["grant_type", "code", "redirect_uri", "code_verifier", "client_id", "client_secret", "refresh_token", "scope", "token", "token_type_hint"];

    private static readonly string[] AuthorizeFields =
        ["response_type", "client_id", "redirect_uri", "scope", "state", "code_challenge", "code_challenge_method", "email_address", "password",
            "step", "decision", "sign_in_ticket", "__RequestVerificationToken", "user_id"];

    private static Gen<string> Form(string[] names) => Gen.Frequency(
        (6, Gen.SubListOf(names.Append("extra").ToArray())
            .SelectMany(chosen => Gen.ArrayOf(HostileInput.Text, chosen.Count).Select(values => Encoded(chosen.Zip(values))))),
        (1, HostileInput.Text));

    /// <summary>Mostly a form's content type, sometimes another or none, with hostile <c>Accept</c>-family headers.</summary>
    private static Gen<RequestHeaders> FormHeaders { get; } = Gen.Zip(
        Gen.Frequency(
            (8, Gen.Constant<string?>("application/x-www-form-urlencoded")),
            (1, Gen.Elements<string?>("application/json", "text/plain", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded; charset=utf-16", null))),
        HostileHeaders.ForReading).Select(parts => parts.Item2 with { ContentType = parts.Item1 });

    [Fact]
    public async Task Client_registration_answers_hostile_metadata_without_5xx_or_secrets()
    {
        var requests = Gen.Zip(HostileInput.Body("client_name", "redirect_uris", "grant_types", "response_types", "token_endpoint_auth_method", "scope"), HostileHeaders.ForBody);

        Prop.ForAll(Arb.From(requests), request =>
        {
            var (body, headers) = request;

            var (status, answer) = Send(HttpMethod.Post, "/oauth/register", body, headers, authorization: null);

            AssertAnsweredAsTheHeadersRequire(status, body, headers);
            Assert.True(status is HttpStatusCode.Created or HttpStatusCode.BadRequest or HttpStatusCode.UnsupportedMediaType or HttpStatusCode.NotAcceptable, $"{(int)status} for {body}");
            AssertNoSecrets(answer, submittedSecret: null);
        }).Check(Cases);
        await Task.CompletedTask;
    }

    [Fact]
    public async Task The_token_endpoint_answers_hostile_forms_with_oauth_errors_and_never_a_token()
    {
        var client = await new OAuthTestClient(fixture).Register();
        var requests = Gen.Zip(
            Gen.OneOf(Form(TokenFields), HostileInput.Text.Select(code => Encoded([("grant_type", "authorization_code"), ("code", code),
                ("client_id", client.ClientId), ("client_secret", client.ClientSecret!), ("redirect_uri", client.RedirectUri), ("code_verifier", code)]))),
            FormHeaders);

        Prop.ForAll(Arb.From(requests), request =>
        {
            var (body, headers) = request;

            var (status, answer) = Send(HttpMethod.Post, "/oauth/token", body, headers, authorization: null);

            Assert.True(status is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized or HttpStatusCode.RequestEntityTooLarge, $"{(int)status} for {body}");
            Assert.DoesNotContain("access_token", answer, StringComparison.Ordinal);
            AssertNoSecrets(answer, FormField(body, "client_secret"));
        }).Check(Cases);
    }

    [Fact]
    public async Task The_authorization_endpoint_never_redirects_elsewhere_nor_issues_a_code_to_hostile_requests()
    {
        var client = await new OAuthTestClient(fixture).Register();
        var queries = Gen.OneOf(
            Form(AuthorizeFields),
            Gen.Zip(HostileInput.Text, HostileInput.Text).Select(pair => Encoded([("response_type", "code"), ("client_id", client.ClientId),
                ("redirect_uri", pair.Item1), ("code_challenge", pair.Item2), ("code_challenge_method", "S256"), ("scope", "openid")])));
        var requests = Gen.Zip(Gen.Zip(queries, Gen.Elements(HttpMethod.Get, HttpMethod.Post)), FormHeaders);

        Prop.ForAll(Arb.From(requests), request =>
        {
            var ((form, method), headers) = request;
            var isGet = method == HttpMethod.Get;

            var (status, answer) = Send(method, isGet ? $"/oauth/authorize?{form}" : "/oauth/authorize", isGet ? null : form, headers, authorization: null);

            Assert.True((int)status < 500, $"{(int)status} for {form}");
            if (status == HttpStatusCode.Redirect)
            {
                var location = answer[(answer.IndexOf("Location: ", StringComparison.Ordinal) + "Location: ".Length)..].Split('\n')[0].Trim();
                Assert.StartsWith(client.RedirectUri + "?", location, StringComparison.Ordinal);
                Assert.DoesNotContain("code=", location, StringComparison.Ordinal);
            }

            AssertNoSecrets(answer, FormField(form, "password"));
        }).Check(Cases);
    }

    [Fact]
    public async Task Client_management_with_hostile_ids_and_forged_tokens_never_answers_5xx_or_a_client()
    {
        var client = await new OAuthTestClient(fixture).Register();
        var requests = Gen.Zip(
            Gen.Zip(Gen.OneOf(HostileInput.Text, Gen.Constant(client.ClientId)),
                Gen.OneOf(HostileInput.ForgedAuthorization(client.ClientId), HostileInput.Text.Select(t => (string?)$"Bearer {t}"))),
            Gen.Zip(Gen.Elements(HttpMethod.Get, HttpMethod.Put, HttpMethod.Delete), Gen.Zip(HostileInput.Body("client_name", "redirect_uris"), HostileHeaders.ForBody)));

        Prop.ForAll(Arb.From(requests), request =>
        {
            var ((clientId, authorization), (method, (body, headers))) = request;
            var path = $"/oauth/client/{Uri.EscapeDataString(clientId.Replace("\0", "", StringComparison.Ordinal))}";

            var (status, answer) = Send(method, path, method == HttpMethod.Put ? body : null, headers, authorization);

            Assert.True((int)status < 500, $"{(int)status} for {clientId}");
            Assert.True((int)status >= 400, $"{(int)status} for {authorization}");
            AssertNoSecrets(answer, authorization);
        }).Check(Cases);

        var (stillThere, _) = Send(HttpMethod.Get, $"/oauth/client/{client.ClientId}", null, new RequestHeaders(), $"Bearer {client.RegistrationAccessToken}");
        Assert.Equal(HttpStatusCode.OK, stillThere);
    }

    [Fact]
    public async Task Introspection_revocation_and_userinfo_take_hostile_tokens_without_5xx_or_a_yes()
    {
        var client = await new OAuthTestClient(fixture).Register();
        var basic = "Basic " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{client.ClientId}:{client.ClientSecret}"));
        var requests = Gen.Zip(
            Gen.Zip(Gen.Elements("/oauth/introspect", "/oauth/revoke", "/oauth/userinfo"),
                Gen.OneOf(HostileInput.Text, HostileInput.ForgedAuthorization(client.ClientId).Select(a => a ?? ""))),
            Gen.Zip(Gen.Elements<string?>(basic, null), FormHeaders));

        Prop.ForAll(Arb.From(requests), request =>
        {
            var ((path, token), (authorization, headers)) = request;
            var isUserInfo = path == "/oauth/userinfo";

            var (status, answer) = Send(HttpMethod.Post, path, Encoded([("token", token)]), headers, isUserInfo ? $"Bearer {token}" : authorization);

            Assert.True((int)status < 500, $"{(int)status} for {path} {token}");
            Assert.DoesNotContain("\"active\": true", answer, StringComparison.Ordinal);
            Assert.DoesNotContain("\"active\":true", answer, StringComparison.Ordinal);
            if (isUserInfo)
            {
                Assert.NotEqual(HttpStatusCode.OK, status);
            }
        }).Check(Cases);
    }

    private static string Encoded(IEnumerable<(string Name, string Value)> fields) =>
        string.Join('&', fields.Select(f => $"{Uri.EscapeDataString(Clean(f.Name))}={Uri.EscapeDataString(Clean(f.Value))}"));

    /// <summary>Lone surrogates cannot be percent-encoded as UTF-8; what a browser would send instead.</summary>
    private static string Clean(string text) => JsonSerializer.Deserialize<string>(JsonSerializer.Serialize(text))!.Replace("\uFFFD", "?", StringComparison.Ordinal);

    private static string? FormField(string form, string name) =>
        form.Split('&').Select(pair => pair.Split('=', 2)).Where(pair => pair.Length == 2 && SafeUnescape(pair[0]) == name)
            .Select(pair => SafeUnescape(pair[1])).FirstOrDefault();

    private static string SafeUnescape(string text)
    {
        try
        {
            return Uri.UnescapeDataString(text);
        }
        catch (UriFormatException)
        {
            return text;
        }
    }
}
