using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using UserManagement.Tests.Infrastructure;

namespace UserManagement.Tests.Api;

[Collection(UserClusterCollection.Name)]
public sealed class ServiceEndpointsTests(UserClusterFixture fixture)
{
    private readonly HttpClient _http = fixture.Gateway.CreateClient();

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Health_endpoints_answer_healthy_while_the_cluster_answers(string path)
    {
        using var response = await _http.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_the_contracts_endpoints()
    {
        var document = await _http.GetFromJsonAsync<JsonObject>("/openapi/v1.json");

        var paths = document!["paths"]!.AsObject().Select(p => p.Key).ToList();
        Assert.Contains("/user", paths);
        Assert.Contains("/user/{userId}", paths);
        Assert.Contains("/login", paths);
    }

    [Fact]
    public async Task The_API_reference_is_browsable()
    {
        using var response = await _http.GetAsync("/scalar/v1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Responses_carry_no_server_banner()
    {
        using var response = await _http.GetAsync("/health/live");

        Assert.False(response.Headers.Contains("Server"));
    }
}
