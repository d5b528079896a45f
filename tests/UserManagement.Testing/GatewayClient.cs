using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using UserManagement.Testing.Builders;

namespace UserManagement.Testing;

/// <summary>The calls a client of the contract makes, over a gateway's <see cref="HttpClient"/>.</summary>
public sealed class GatewayClient(HttpClient http)
{
    public HttpClient Http => http;

    public Task<HttpResponseMessage> Register(RegistrationBuilder registration) =>
        http.PostAsJsonAsync("/user", registration.BuildRequestBody());

    public Task<HttpResponseMessage> Login(string emailAddress, string password) =>
        http.PostAsJsonAsync("/login", new Dictionary<string, string> { ["email_address"] = emailAddress, ["password"] = password });

    public Task<HttpResponseMessage> GetUser(string userIdOrEmailAddress, string? token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/user/{Uri.EscapeDataString(userIdOrEmailAddress)}");
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return http.SendAsync(request);
    }

    /// <summary>Registers the user and returns the id the API answered with.</summary>
    public async Task<string> RegisterUser(RegistrationBuilder registration)
    {
        using var response = await Register(registration);
        response.EnsureSuccessStatusCode();
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        return body!["data"]!["userId"]!.GetValue<string>();
    }

    public async Task<string> TokenFor(string emailAddress, string password)
    {
        using var response = await Login(emailAddress, password);
        response.EnsureSuccessStatusCode();
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        return body!["data"]!["token"]!.GetValue<string>();
    }
}
