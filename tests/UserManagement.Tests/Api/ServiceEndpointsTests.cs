using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using UserManagement.Tests.Infrastructure;

namespace UserManagement.Tests.Api;

[Collection(UserClusterCollection.Name)]
public sealed class ServiceEndpointsTests(UserClusterFixture fixture) : IDisposable
{
    private readonly HttpClient _http = fixture.Gateway.CreateClient();
    private readonly ConfiguredGateways _gateways = new(fixture);

    public void Dispose() => _gateways.Dispose();

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
        var document = await _gateways.Http(new() { ["OpenApi:Enabled"] = "true" }).GetFromJsonAsync<JsonObject>("/openapi/v1.json");

        var paths = document!["paths"]!.AsObject().Select(p => p.Key).ToList();
        Assert.Contains("/user", paths);
        Assert.Contains("/user/{userId}", paths);
        Assert.Contains("/login", paths);
    }

    [Fact]
    public async Task The_API_reference_is_browsable()
    {
        using var response = await _gateways.Http(new() { ["OpenApi:Enabled"] = "true" }).GetAsync("/scalar/v1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("Development", HttpStatusCode.OK)]
    [InlineData("Production", HttpStatusCode.NotFound)]
    public async Task The_API_description_and_reference_are_served_in_development_and_not_by_default_in_production(
        string environment, HttpStatusCode expected)
    {
        var http = _gateways.Http(new() { ["environment"] = environment });

        using var document = await http.GetAsync("/openapi/v1.json");
        using var reference = await http.GetAsync("/scalar/v1");

        Assert.Equal(expected, document.StatusCode);
        Assert.Equal(expected, reference.StatusCode);
    }

    [Fact]
    public async Task Production_serves_them_when_configured_to()
    {
        var http = _gateways.Http(new() { ["environment"] = "Production", ["OpenApi:Enabled"] = "true" });

        using var document = await http.GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, document.StatusCode);
    }

    [Fact]
    public async Task Responses_carry_no_server_banner()
    {
        using var response = await _http.GetAsync("/health/live");

        Assert.False(response.Headers.Contains("Server"));
    }
}
