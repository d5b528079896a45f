using System.Net;
using System.Text.Json.Nodes;
using UserManagement.Tests.Builders;
using UserManagement.Tests.Infrastructure;

namespace UserManagement.Tests.Api;

/// <summary><c>POST /user</c> sent again by a client that lost the answer: 200 with the user, never a false 409.</summary>
[Collection(UserClusterCollection.Name)]
public sealed class RepeatedRegistrationApiTests(UserClusterFixture fixture)
{
    private readonly GatewayClient _gateway = new(fixture.Gateway.CreateClient());

    [Fact]
    public async Task The_same_registration_sent_again_answers_200_with_the_same_user()
    {
        var registration = A.Registration();
        using var first = await _gateway.Register(registration);

        using var again = await _gateway.Register(registration);

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(
            JsonNode.Parse(await first.Content.ReadAsStringAsync())!.ToJsonString(),
            JsonNode.Parse(await again.Content.ReadAsStringAsync())!.ToJsonString());
    }

    [Fact]
    public async Task The_address_registered_with_another_password_answers_409_as_before()
    {
        var registration = A.Registration();
        await _gateway.RegisterUser(registration);

        using var other = await _gateway.Register(A.Registration().WithEmailAddress(registration.EmailAddress).WithPassword("a different password"));

        Assert.Equal(HttpStatusCode.Conflict, other.StatusCode);
    }
}
