using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using UserManagement.Contracts.Users;
using UserManagement.Tests.Builders;
using UserManagement.Tests.Infrastructure;

namespace UserManagement.Tests.Api;

[Collection(UserClusterCollection.Name)]
public sealed class PersonNameTests(UserClusterFixture fixture)
{
    private readonly GatewayClient _gateway = new(fixture.Gateway.CreateClient());

    [Theory]
    [InlineData("\u0007Jane")]
    [InlineData("Ja\nne")]
    [InlineData("Jane\u0000")]
    [InlineData("\u202Eeod")]
    [InlineData("Jane \u202Dx")]
    [InlineData("\u2066Jane\u2069")]
    [InlineData("Jane\u200F")]
    [InlineData("\u200B\u200B\u200B")]
    [InlineData("\u2060")]
    [InlineData("\uFEFF")]
    [InlineData("\u3164\u3164")]
    [InlineData("\u00AD")]
    [InlineData("\u0301\u0301")]
    [InlineData("\u200D \u200C")]
    public async Task Names_with_controls_bidi_controls_or_nothing_visible_are_refused(string name)
    {
        var first = A.Registration().WithFirstName(name);
        var last = A.Registration().WithLastName(name);

        using var byFirst = await _gateway.Register(first);
        using var byLast = await _gateway.Register(last);

        Assert.Equal(["first_name"], await ErrorFields(byFirst));
        Assert.Equal(["last_name"], await ErrorFields(byLast));
        Assert.Null(await fixture.Grains.GetUserByEmailAddress(first.EmailAddress).GetDetails());
    }

    [Theory]
    [InlineData("Zoë")]
    [InlineData("O'Brien-Smith")]
    [InlineData("محمد")]
    [InlineData("می\u200Cخواهم")]
    [InlineData("李")]
    [InlineData("<b>Jane</b>")]
    [InlineData("\"; DROP TABLE users; --")]
    public async Task Names_are_returned_as_given_in_JSON(string name)
    {
        var registration = A.Registration().WithFirstName(name);
        var userId = await _gateway.RegisterUser(registration);

        using var response = await _gateway.GetUser(userId, await _gateway.TokenFor(registration.EmailAddress, registration.Password));

        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal(name, (await response.Content.ReadFromJsonAsync<JsonObject>())!["data"]!["firstName"]!.GetValue<string>());
    }

    private static async Task<string[]> ErrorFields(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        return [.. problem["errors"]!.AsObject().Select(p => p.Key)];
    }
}
