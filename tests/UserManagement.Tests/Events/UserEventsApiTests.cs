using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using UserManagement.Contracts.Users;
using UserManagement.Tests.Builders;
using UserManagement.Tests.Infrastructure;

namespace UserManagement.Tests.Events;

/// <summary>The operators' endpoints for a user's events: administrators only, and nothing for hostile paths or tokens.</summary>
[Collection(UserClusterCollection.Name)]
public sealed class UserEventsApiTests(UserClusterFixture fixture)
{
    private static readonly Config Cases = Config.QuickThrowOnFailure.WithMaxTest(300);

    private readonly GatewayClient _gateway = new(fixture.Gateway.CreateClient());

    [Fact]
    public async Task Without_a_token_the_answer_is_401_and_with_a_users_own_token_403()
    {
        var registration = A.Registration();
        var userId = await _gateway.RegisterUser(registration);
        var token = await _gateway.TokenFor(registration.EmailAddress, registration.Password);

        foreach (var (method, path) in Calls(userId))
        {
            using var anonymous = await Send(method, path, token: null);
            using var own = await Send(method, path, token);

            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, own.StatusCode);
            Assert.Equal("application/problem+json", own.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task An_administrator_gets_404_for_nobody_and_an_empty_list_once_a_users_event_is_published()
    {
        var admin = await _gateway.TokenFor(TestSettings.AdminEmailAddress, TestSettings.AdminPassword);
        var registration = A.Registration();
        var userId = await _gateway.RegisterUser(registration);

        foreach (var (method, path) in Calls(UserKey.FromEmailAddress(A.Registration().EmailAddress)).Concat(Calls("not a user")))
        {
            using var nobody = await Send(method, path, admin);
            Assert.Equal(HttpStatusCode.NotFound, nobody.StatusCode);
        }

        Assert.True(await Eventually.Holds(async () => (await fixture.Events.AcceptedFor(userId)).Count > 0, TimeSpan.FromSeconds(30)));
        using var byAddress = await Send(HttpMethod.Get, $"/admin/users/{Uri.EscapeDataString(registration.EmailAddress)}/events", admin);
        using var republish = await Send(HttpMethod.Post, $"/admin/users/{userId}/events/republish", admin);

        Assert.Equal(HttpStatusCode.OK, byAddress.StatusCode);
        Assert.Empty((await byAddress.Content.ReadFromJsonAsync<JsonObject>())!["data"]!.AsArray());
        Assert.Equal(0, (int?)(await republish.Content.ReadFromJsonAsync<JsonObject>())!["data"]!["republished"]);
        Assert.Single(await fixture.Events.AcceptedFor(userId));
    }

    [Fact]
    public async Task Hostile_paths_and_forged_tokens_never_answer_5xx_or_publish_anything()
    {
        var victim = A.Registration();
        var victimId = (await fixture.Grains.GetUserByEmailAddress(victim.EmailAddress).Register(victim.Build())).User!.UserId;
        var requests = Gen.Zip(
            Gen.Zip(Gen.OneOf(HostileInput.Text, Gen.Constant(victimId), Gen.Constant(victim.EmailAddress)), HostileInput.ForgedAuthorization(victimId)),
            Gen.Elements("GET", "POST"));

        Prop.ForAll(Arb.From(requests), request =>
        {
            var ((userId, authorization), method) = request;
            var suffix = method == "POST" ? "/events/republish" : "/events";

            // The in-memory test host refuses %00 in a path before any server sees it (Kestrel answers it with 400 itself).
            using var message = new HttpRequestMessage(new HttpMethod(method), $"/admin/users/{Uri.EscapeDataString(userId.Replace("\0", "", StringComparison.Ordinal))}{suffix}");
            if (authorization is not null)
            {
                message.Headers.TryAddWithoutValidation("Authorization", authorization);
            }

            // FsCheck runs a property synchronously; the test server answers only asynchronously.
            using var response = _gateway.Http.SendAsync(message).GetAwaiter().GetResult();

            Assert.InRange((int)response.StatusCode, 400, 499);
        }).Check(Cases);

        Assert.True(await Eventually.Holds(async () => (await fixture.Events.AcceptedFor(victimId)).Count > 0, TimeSpan.FromSeconds(30)));
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Single(await fixture.Events.AcceptedFor(victimId));
    }

    private static (HttpMethod Method, string Path)[] Calls(string userId) =>
    [
        (HttpMethod.Get, $"/admin/users/{Uri.EscapeDataString(userId)}/events"),
        (HttpMethod.Post, $"/admin/users/{Uri.EscapeDataString(userId)}/events/republish"),
    ];

    private Task<HttpResponseMessage> Send(HttpMethod method, string path, string? token)
    {
        using var request = new HttpRequestMessage(method, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return _gateway.Http.SendAsync(request);
    }
}
