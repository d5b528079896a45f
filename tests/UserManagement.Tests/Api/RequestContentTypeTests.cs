using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;
using UserManagement.Contracts.Users;
using UserManagement.Tests.Builders;
using UserManagement.Tests.Infrastructure;

namespace UserManagement.Tests.Api;

/// <summary>
/// JSON bodies are UTF-8 (RFC 8259): a content type, charset or content coding the reader cannot use is the client's
/// error, answered 415 with problem details, and never a 5xx or an error in the log.
/// </summary>
[Collection(UserClusterCollection.Name)]
public sealed class RequestContentTypeTests : IDisposable
{
    private readonly UserClusterFixture _fixture;
    private readonly CapturingLoggerProvider _logs = new();
    private readonly WebApplicationFactory<Program> _factory;
    private readonly HttpClient _http;

    public RequestContentTypeTests(UserClusterFixture fixture)
    {
        _fixture = fixture;
        _factory = fixture.Gateway.WithWebHostBuilder(web => web.ConfigureLogging(logging => logging.AddProvider(_logs)));
        _http = _factory.CreateClient();
    }

    public void Dispose() => _factory.Dispose();

    [Theory]
    [InlineData("application/json; charset=xyz")]
    [InlineData("application/json; charset=utf-7")]
    [InlineData("application/json; charset=")]
    [InlineData("application/json; charset=\"\"")]
    [InlineData("application/json; charset=utf-16")]
    [InlineData("application/json; charset=iso-8859-1")]
    [InlineData("application/json; charset=\"utf-8")]
    [InlineData("application/json; charset=utf-8; charset=xyz")]
    [InlineData("text/plain")]
    [InlineData("application/xml")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("json")]
    [InlineData(";;;")]
    public async Task A_content_type_the_JSON_reader_cannot_use_gets_415_on_both_endpoints_and_no_error_log(string contentType)
    {
        var registration = A.Registration();

        using var register = await Post("/user", Json(registration.BuildRequestBody()), contentType);
        using var login = await Post("/login", Json(new { email_address = registration.EmailAddress, password = registration.Password }), contentType);

        foreach (var response in new[] { register, login })
        {
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
            Assert.Equal(415, problem["status"]!.GetValue<int>());
        }

        Assert.Null(await _fixture.Grains.GetUserByEmailAddress(registration.EmailAddress).GetDetails());
        Assert.DoesNotContain(_logs.Entries, entry => entry.Level >= LogLevel.Error);
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("application/json; charset=UTF-8")]
    [InlineData("application/json;charset=\"utf-8\"")]
    [InlineData("Application/JSON; Charset=Utf-8")]
    [InlineData("application/json; charset=utf8")]
    public async Task UTF_8_JSON_is_read_however_its_content_type_is_spelled(string contentType)
    {
        var registration = A.Registration().WithFirstName("Zoë");

        using var response = await Post("/user", Json(registration.BuildRequestBody()), contentType);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Zoë", (await _fixture.Grains.GetUserByEmailAddress(registration.EmailAddress).GetDetails())!.FirstName);
    }

    [Theory]
    [InlineData("gzip")]
    [InlineData("br")]
    [InlineData("deflate, gzip")]
    [InlineData("x-unknown")]
    public async Task A_compressed_body_gets_415_naming_the_coding_the_service_reads(string contentEncoding)
    {
        var registration = A.Registration();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/user") { Content = Json(registration.BuildRequestBody()) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Content.Headers.TryAddWithoutValidation("Content-Encoding", contentEncoding);

        using var response = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("identity", Assert.Single(response.Headers.GetValues("Accept-Encoding")));
        Assert.Null(await _fixture.Grains.GetUserByEmailAddress(registration.EmailAddress).GetDetails());
    }

    [Fact]
    public async Task An_identity_content_coding_is_no_coding_at_all()
    {
        var registration = A.Registration();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/user") { Content = Json(registration.BuildRequestBody()) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Content.Headers.TryAddWithoutValidation("Content-Encoding", "identity");

        using var response = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("text/html")]
    [InlineData("application/xml")]
    [InlineData("image/*;q=1, */*;q=0")]
    [InlineData("garbage;;;q=x")]
    public async Task Errors_are_problem_details_whatever_the_client_accepts(string accept)
    {
        using var unauthenticated = await Send(HttpMethod.Get, $"/user/{Guid.NewGuid()}", accept);
        using var unknownPath = await Send(HttpMethod.Get, "/no-such-path", accept);
        using var invalid = await Send(HttpMethod.Post, "/user", accept, JsonContent.Create(new { email_address = "not an address" }));
        using var unsupported = await Send(HttpMethod.Post, "/login", accept, new StringContent("{}", Encoding.UTF8, "text/plain"));

        Assert.Equal(
            [HttpStatusCode.Unauthorized, HttpStatusCode.NotFound, HttpStatusCode.BadRequest, HttpStatusCode.UnsupportedMediaType],
            new[] { unauthenticated, unknownPath, invalid, unsupported }.Select(r => r.StatusCode));
        foreach (var response in new[] { unauthenticated, unknownPath, invalid, unsupported })
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        Assert.DoesNotContain(_logs.Entries, entry => entry.Level >= LogLevel.Error);
    }

    private static ByteArrayContent Json(object body) => new(JsonSerializer.SerializeToUtf8Bytes(body));

    private async Task<HttpResponseMessage> Post(string path, ByteArrayContent content, string contentType)
    {
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return await _http.PostAsync(path, content);
    }

    private async Task<HttpResponseMessage> Send(HttpMethod method, string path, string accept, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.TryAddWithoutValidation("Accept", accept);
        return await _http.SendAsync(request);
    }
}
