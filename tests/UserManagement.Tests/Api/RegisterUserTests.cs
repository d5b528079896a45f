using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using UserManagement.Contracts.Users;
using UserManagement.Tests.Builders;
using UserManagement.Tests.Infrastructure;

namespace UserManagement.Tests.Api;

[Collection(UserClusterCollection.Name)]
public sealed class RegisterUserTests(UserClusterFixture fixture)
{
    private readonly GatewayClient _gateway = new(fixture.Gateway.CreateClient());

    [Fact]
    public async Task Registration_answers_the_contracts_user_in_the_data_envelope()
    {
        var registration = A.Registration().WithFirstName("Jane").WithLastName("Doe");

        using var response = await _gateway.Register(registration);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(["data", "message"], body!.Select(p => p.Key).Order());
        Assert.Equal("", body["message"]!.GetValue<string>());
        var user = body["data"]!.AsObject();
        Assert.Equal(["emailAddress", "firstName", "lastName", "orderCount", "userId", "userType"], user.Select(p => p.Key).Order());
        Assert.Equal(UserKey.FromEmailAddress(registration.EmailAddress), user["userId"]!.GetValue<string>());
        Assert.Equal(registration.EmailAddress, user["emailAddress"]!.GetValue<string>());
        Assert.Equal("Jane", user["firstName"]!.GetValue<string>());
        Assert.Equal("Doe", user["lastName"]!.GetValue<string>());
        Assert.Equal(0, user["orderCount"]!.GetValue<int>());
        Assert.Equal("STANDARD", user["userType"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_taken_email_address_is_refused_with_409_and_the_first_password_still_works()
    {
        var first = A.Registration().WithPassword("the original password");
        await _gateway.RegisterUser(first);

        using var response = await _gateway.Register(
            A.Registration().WithEmailAddress(first.EmailAddress.ToUpperInvariant()).WithPassword("an attacker's password"));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var original = await _gateway.Login(first.EmailAddress, "the original password");
        using var overwritten = await _gateway.Login(first.EmailAddress, "an attacker's password");
        Assert.Equal(HttpStatusCode.OK, original.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, overwritten.StatusCode);
    }

    [Fact]
    public async Task Every_invalid_field_is_named_in_a_400_and_nothing_is_created()
    {
        var registration = A.Registration().WithEmailAddress("not-an-address").WithFirstName(" ").WithLastName("").WithPassword("short");

        using var response = await _gateway.Register(registration);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(400, problem!["status"]!.GetValue<int>());
        Assert.Equal(["email_address", "first_name", "last_name", "password"], problem["errors"]!.AsObject().Select(p => p.Key).Order());
        Assert.DoesNotContain("short", problem.ToJsonString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("password123")]
    [InlineData("12345678")]
    [InlineData("seven77")]
    public async Task Short_and_common_passwords_are_refused(string password)
    {
        var registration = A.Registration().WithPassword(password);

        using var response = await _gateway.Register(registration);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(["password"], problem!["errors"]!.AsObject().Select(p => p.Key));
        Assert.Null(await fixture.Grains.GetUserByEmailAddress(registration.EmailAddress).GetDetails());
    }

    [Fact]
    public async Task A_long_passphrase_without_composition_rules_is_accepted()
    {
        using var response = await _gateway.Register(A.Registration().WithPassword(new string('x', 50) + " all lower case words"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_body_that_is_not_json_gets_a_400_problem()
    {
        using var response = await _gateway.Http.PostAsync("/user", new StringContent("{not json", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_body_over_64_KiB_is_refused_with_413()
    {
        var registration = A.Registration().WithFirstName(new string('a', 70 * 1024));

        using var response = await _gateway.Register(registration);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Null(await fixture.Grains.GetUserByEmailAddress(registration.EmailAddress).GetDetails());
    }

    [Fact]
    public async Task Responses_allow_the_shops_browser_frontend_to_call_from_any_origin()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/user") { Content = JsonContent.Create(A.Registration().BuildRequestBody()) };
        request.Headers.Add("Origin", "https://shop.example.com");

        using var response = await _gateway.Http.SendAsync(request);

        Assert.Equal("*", Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
    }

    [Fact]
    public async Task Hundred_concurrent_registrations_of_one_address_create_exactly_one_user()
    {
        var email = $"concurrent-{Guid.NewGuid():N}@example.com";

        var statuses = await Task.WhenAll(Enumerable.Range(0, 100).Select(async attempt =>
        {
            using var response = await _gateway.Register(A.Registration().WithEmailAddress(email).WithPassword($"password attempt {attempt}"));
            return response.StatusCode;
        }));

        Assert.Equal(1, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(99, statuses.Count(s => s == HttpStatusCode.Conflict));
    }
}
