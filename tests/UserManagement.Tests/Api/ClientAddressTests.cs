using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using UserManagement.Tests.Builders;
using UserManagement.Tests.Infrastructure;

namespace UserManagement.Tests.Api;

/// <summary>
/// Log-in failures are counted by the address the connection comes from, on Kestrel as deployed without a load
/// balancer in front: a header naming another address changes nothing unless forwarded headers are turned on.
/// </summary>
[Collection(UserClusterCollection.Name)]
public sealed class ClientAddressTests(UserClusterFixture fixture) : IDisposable
{
    private const string WrongPassword = "not the right password";

    private readonly ConfiguredGateways _gateways = new(fixture);

    public void Dispose() => _gateways.Dispose();

    [Fact]
    public async Task An_attacker_cannot_pass_for_many_addresses_by_naming_them_in_X_Forwarded_For()
    {
        var server = StartOnKestrel(_gateways.Factory());
        using var attackerHttp = LoopbackClient.From(IPAddress.Parse("127.0.0.2"), server);
        using var ownerHttp = LoopbackClient.From(IPAddress.Parse("127.0.0.3"), server);
        var owner = new GatewayClient(ownerHttp);
        var registration = A.Registration();
        await owner.RegisterUser(registration);

        var attackers = new List<HttpStatusCode>();
        foreach (var pretended in ClientAddresses.Next(TestSettings.FreeLoginAttempts + 1))
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/login")
            {
                Content = JsonContent.Create(new Dictionary<string, string>
                {
                    ["email_address"] = registration.EmailAddress,
                    ["password"] = WrongPassword,
                }),
            };
            request.Headers.Add("X-Forwarded-For", pretended.ToString());
            using var response = await attackerHttp.SendAsync(request);
            attackers.Add(response.StatusCode);
        }

        using var ownersLogIn = await owner.Login(registration.EmailAddress, registration.Password);

        Assert.All(attackers[..^1], status => Assert.Equal(HttpStatusCode.Unauthorized, status));
        Assert.Equal(HttpStatusCode.TooManyRequests, attackers[^1]);
        Assert.Equal(HttpStatusCode.OK, ownersLogIn.StatusCode);
    }

    /// <summary>Runs the gateway on Kestrel on 127.0.0.1 and answers where it listens.</summary>
    private static Uri StartOnKestrel(GatewayFactory factory)
    {
        factory.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        factory.StartServer();
        var addresses = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
        return new Uri(addresses.Addresses.Single());
    }
}
