using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using UserManagement.Contracts.Users;
using UserManagement.Tests.Builders;
using UserManagement.Tests.Infrastructure;

namespace UserManagement.Tests.Properties;

/// <summary>
/// Random and hostile requests at every endpoint: never a 5xx, never a change of state with a 4xx, never a secret in
/// an answer, never a user's details for a token the gateway did not issue.
/// </summary>
[Collection(UserClusterCollection.Name)]
public sealed partial class HostileRequestProperties(UserClusterFixture fixture)
{
    private const int CasesPerEndpoint = 500;
    private static readonly Config Cases = Config.QuickThrowOnFailure.WithMaxTest(CasesPerEndpoint);

    private readonly HttpClient _http = fixture.Gateway.CreateClient();

    [Fact]
    public void Register_answers_hostile_bodies_without_5xx_state_change_or_secrets()
    {
        var requests = Gen.Zip(HostileInput.Body("email_address", "first_name", "last_name", "password"), HostileHeaders.ForBody);

        Prop.ForAll(Arb.From(requests), request =>
        {
            var (body, headers) = request;
            var emailAddress = StringField(body, "email_address");
            var before = DetailsOf(emailAddress);

            var (status, answer) = Send(HttpMethod.Post, "/user", body, headers, authorization: null);

            AssertAnsweredAsTheHeadersRequire(status, body, headers);
            if ((int)status >= 400)
            {
                Assert.Equal(before, DetailsOf(emailAddress));
            }

            // A password that is also the name or address sent is rightly echoed as that; it proves nothing.
            var password = StringField(body, "password");
            var echoed = new[] { "email_address", "first_name", "last_name" }.Select(field => StringField(body, field));
            AssertNoSecrets(answer, echoed.Any(value => value?.Contains(password ?? "\0", StringComparison.Ordinal) == true) ? null : password);
        }).Check(Cases);
    }

    [Fact]
    public async Task Login_answers_hostile_bodies_without_5xx_state_change_or_secrets()
    {
        // A password of its own: the generators' word list holds the builder's default password.
        var known = A.Registration().WithPassword($"known user's password {Guid.NewGuid():N}");
        var knownUser = fixture.Grains.GetUserByEmailAddress(known.EmailAddress);
        await knownUser.Register(known.Build());
        var knownBefore = await knownUser.GetDetails();
        var requests = Gen.Zip(
            Gen.OneOf(HostileInput.Body("email_address", "password"), HostileInput.Text.Select(p => LoginBody(known.EmailAddress, p))),
            HostileHeaders.ForBody);

        Prop.ForAll(Arb.From(requests), request =>
        {
            var (body, headers) = request;

            var (status, answer) = Send(HttpMethod.Post, "/login", body, headers, authorization: null);

            AssertAnsweredAsTheHeadersRequire(status, body, headers);
            Assert.NotEqual(HttpStatusCode.OK, status);
            AssertNoSecrets(answer, StringField(body, "password"));
        }).Check(Cases);

        Assert.Equal(knownBefore, await knownUser.GetDetails());
    }

    [Fact]
    public async Task Reading_a_user_with_hostile_paths_and_forged_tokens_never_answers_5xx_or_a_user()
    {
        var victim = A.Registration();
        var victimId = (await fixture.Grains.GetUserByEmailAddress(victim.EmailAddress).Register(victim.Build())).User!.UserId;
        var requests = Gen.Zip(
            Gen.Zip(Gen.OneOf(HostileInput.Text, Gen.Constant(victimId), Gen.Constant(victim.EmailAddress)), HostileInput.ForgedAuthorization(victimId)),
            HostileHeaders.ForReading);

        Prop.ForAll(Arb.From(requests), request =>
        {
            var ((userId, authorization), headers) = request;

            // The in-memory test host refuses %00 in a path before any server sees it (Kestrel answers it with 400 itself).
            var path = $"/user/{Uri.EscapeDataString(userId.Replace("\0", "", StringComparison.Ordinal))}";
            var (status, answer) = Send(HttpMethod.Get, path, body: null, headers, authorization);

            Assert.True((int)status < 500, $"{(int)status} for {userId}");
            Assert.True((int)status >= 400, $"{(int)status} for {authorization}");
            AssertNoSecrets(answer, authorization);
        }).Check(Cases);
    }

    /// <summary>
    /// Never a 5xx; a body whose declared form the service cannot read is refused as such, whatever it holds (an empty
    /// body has no form to read: it is refused as missing).
    /// </summary>
    private static void AssertAnsweredAsTheHeadersRequire(HttpStatusCode status, string body, RequestHeaders headers)
    {
        Assert.True((int)status < 500, $"{(int)status} for {body} with {headers}");
        if (headers.BodyFormUsable is false && body.Length > 0)
        {
            Assert.True(status == HttpStatusCode.UnsupportedMediaType, $"{(int)status} for {headers}");
        }
    }

    private (HttpStatusCode Status, string Answer) Send(HttpMethod method, string path, string? body, RequestHeaders headers, string? authorization)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        }

        headers.ApplyTo(request);

        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        // FsCheck runs a property synchronously; the test server answers only asynchronously.
        using var response = _http.SendAsync(request).GetAwaiter().GetResult();
        return (response.StatusCode, response.Content.ReadAsStringAsync().GetAwaiter().GetResult() + response.Headers);
    }

    private UserDetails? DetailsOf(string? emailAddress) =>
        emailAddress is not null && EmailAddress.IsValid(emailAddress)
            ? fixture.Grains.GetUserByEmailAddress(emailAddress).GetDetails().GetAwaiter().GetResult()
            : null;

    /// <summary>Words the answers use themselves; a secret that is one of them proves nothing when found.</summary>
    private const string AnswerVocabulary = "email_address first_name last_name password Bearer error=\"invalid_token\"";

    private static void AssertNoSecrets(string answer, string? submittedSecret)
    {
        Assert.DoesNotMatch(SecretPatterns.PasswordHash(), answer);
        if (submittedSecret is { Length: >= 8 }
            && !string.IsNullOrWhiteSpace(submittedSecret)
            && !AnswerVocabulary.Contains(submittedSecret, StringComparison.Ordinal))
        {
            Assert.DoesNotContain(submittedSecret, answer, StringComparison.Ordinal);
        }
    }

    private static string LoginBody(string emailAddress, string password) =>
        JsonSerializer.Serialize(new Dictionary<string, string> { ["email_address"] = emailAddress, ["password"] = password });

    private static string? StringField(string body, string name)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty(name, out var value)
                && value.ValueKind == JsonValueKind.String
                ? value.GetString()
                : null;
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException or ArgumentException)
        {
            return null;
        }
    }
}
