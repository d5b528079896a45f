using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Orleans.TestingHost;
using UserManagement.Contracts.Passwords;
using UserManagement.Contracts.Users;
using UserManagement.Tests.Builders;
using UserManagement.Tests.Infrastructure;
using UserManagement.Grains.Passwords;
using UserManagement.Grains.Users;

namespace UserManagement.Tests.Api;

/// <summary>
/// Accounts registered before addresses were canonicalised, under a spelling that is not canonical: they keep their
/// ids, and the spelling they were registered with still finds them.
/// </summary>
[Collection(UserClusterCollection.Name)]
public sealed class FormerSpellingTests(UserClusterFixture fixture)
{
    private const string Password = "a former user's passphrase";

    private readonly GatewayClient _gateway = new(fixture.Gateway.CreateClient());

    [Theory]
    [InlineData("idn-{n}@bücher.de")]
    [InlineData("dot-{n}@example.com.")]
    [InlineData("ｆｗ-{n}@example.com")]
    public async Task The_spelling_an_account_was_registered_with_still_logs_in_reads_and_is_taken(string spelling)
    {
        var address = spelling.Replace("{n}", Random.Shared.Next(1_000_000, 10_000_000).ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        var formerId = await StoreAsBefore(address);

        var token = await _gateway.TokenFor(address, Password);
        using var read = await _gateway.GetUser(address, token);
        using var again = await _gateway.Register(A.Registration().WithEmailAddress(address).WithPassword("an attacker's password"));

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(formerId, (await read.Content.ReadFromJsonAsync<JsonObject>())!["data"]!["userId"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.NotEqual(formerId, UserKey.FromEmailAddress(address));
    }

    [Fact]
    public async Task A_wrong_password_for_a_former_spelling_gets_the_same_401_as_for_nobody()
    {
        var address = $"idn-{Random.Shared.Next(1_000_000, 10_000_000)}@bücher.de";
        await StoreAsBefore(address);

        using var wrong = await _gateway.Login(address, "not the right passphrase");
        using var nobody = await _gateway.Login($"nobody-{Random.Shared.Next(1_000_000, 10_000_000)}@bücher.de", "not the right passphrase");

        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, nobody.StatusCode);
    }

    /// <summary>Writes the account as the service stored it then: under the id of its spelling, as spelled.</summary>
    private async Task<string> StoreAsBefore(string address)
    {
        var formerId = UserKey.FormerFromEmailAddress(address);
        var services = ((InProcessSiloHandle)fixture.Cluster.Primary!).SiloHost.Services;
        using var hasher = new Argon2idPasswordHasher(Microsoft.Extensions.Options.Options.Create(new PasswordHashingOptions()));
        var state = new UserState
        {
            EmailAddress = address.Trim().ToLowerInvariant(),
            FirstName = "Former",
            LastName = "User",
            PasswordHash = await hasher.Hash(new Password(Password)),
            RegisteredAt = DateTimeOffset.UtcNow.AddYears(-1),
        };
        var grainId = fixture.Grains.GetUser(formerId).GetGrainId();
        await services.GetRequiredKeyedService<IGrainStorage>(UserGrain.StorageName).WriteStateAsync("user", grainId, new GrainState<UserState>(state));
        return formerId;
    }
}
