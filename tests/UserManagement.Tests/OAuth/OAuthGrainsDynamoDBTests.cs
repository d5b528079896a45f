using UserManagement.Contracts.DataProtection;
using UserManagement.Contracts.OAuth;
using UserManagement.Tests.Persistence;

namespace UserManagement.Tests.OAuth;

/// <summary>The OAuth records on the DynamoDB storage: one item each, kept across a restart, written only from what was read.</summary>
[Collection(DynamoDBCollection.Name)]
public sealed class OAuthGrainsDynamoDBTests(DynamoDBFixture dynamo)
{
    [Fact]
    public async Task Clients_authorizations_tokens_references_consents_and_key_rings_survive_a_restart()
    {
        var builder = dynamo.NewCluster();
        var (clientId, authorizationId, tokenId, referenceId, subject) =
            ($"client-{Guid.NewGuid():N}", Guid.NewGuid().ToString(), Guid.NewGuid().ToString(), $"hash-{Guid.NewGuid():N}", Guid.NewGuid().ToString());
        var expires = DateTimeOffset.UtcNow.AddHours(1);
        await using (var before = await builder.StartAsync())
        {
            var grains = before.GrainFactory;
            await grains.GetGrain<IOAuthApplicationGrain>(clientId).Create(new OAuthApplication
            {
                ClientId = clientId, DisplayName = "Ünïcode <client>", RedirectUris = ["http://127.0.0.1:1234/cb"], Permissions = ["ept:token", "gt:refresh_token"],
                Settings = new() { ["key"] = "value" }, Properties = """{"registration":{"n":1}}""",
            });
            await grains.GetGrain<IOAuthAuthorizationGrain>(authorizationId).Create(new OAuthAuthorization
            {
                ApplicationId = clientId, Subject = subject, Status = "valid", Type = "permanent", Scopes = ["openid", "read"], CreationDate = DateTimeOffset.UtcNow,
            });
            await grains.GetGrain<IOAuthAuthorizationGrain>(authorizationId).AddToken(tokenId, expires);
            await grains.GetGrain<IOAuthTokenGrain>(tokenId).Create(new OAuthToken
            {
                ApplicationId = clientId, AuthorizationId = authorizationId, Subject = subject, Status = "valid", Type = "refresh_token",
                ReferenceId = referenceId, ExpirationDate = expires, Payload = new string('p', 2_000),
            });
            await grains.GetGrain<IOAuthTokenReferenceGrain>(referenceId).Assign(tokenId, expires);
            await grains.GetConsent(subject, clientId).Add(authorizationId);
            await grains.GetGrain<IDataProtectionKeysGrain>(IDataProtectionKeysGrain.Key).Store("key-1", "<key id=\"1\" />");
        }

        await using var after = await dynamo.NewCluster().WithServiceId(builder.ServiceId).StartAsync();
        var restarted = after.GrainFactory;

        var client = await restarted.GetGrain<IOAuthApplicationGrain>(clientId).Get();
        var token = await restarted.GetGrain<IOAuthTokenGrain>(tokenId).Get();
        Assert.Equal("Ünïcode <client>", client!.DisplayName);
        Assert.Equal(["http://127.0.0.1:1234/cb"], client.RedirectUris);
        Assert.Equal("value", client.Settings["key"]);
        Assert.Equal("""{"registration":{"n":1}}""", client.Properties);
        Assert.Equal(["openid", "read"], (await restarted.GetGrain<IOAuthAuthorizationGrain>(authorizationId).Get())!.Scopes);
        Assert.Equal([tokenId], await restarted.GetGrain<IOAuthAuthorizationGrain>(authorizationId).TokenIds());
        Assert.Equal(expires, token!.ExpirationDate);
        Assert.Equal(tokenId, await restarted.GetGrain<IOAuthTokenReferenceGrain>(referenceId).TokenId());
        Assert.Equal([authorizationId], await restarted.GetConsent(subject, clientId).AuthorizationIds());
        Assert.Equal(["<key id=\"1\" />"], await restarted.GetGrain<IDataProtectionKeysGrain>(IDataProtectionKeysGrain.Key).GetAll());
    }

    [Fact]
    public async Task Of_two_writers_that_read_the_same_token_only_the_first_redeems_it()
    {
        var token = dynamo.Grains.GetGrain<IOAuthTokenGrain>(Guid.NewGuid().ToString());
        await token.Create(new OAuthToken { Status = "valid", Type = "authorization_code", ExpirationDate = DateTimeOffset.UtcNow.AddMinutes(5) });
        var first = (await token.Get())!;
        var second = (await token.Get())!;
        first.Status = second.Status = "redeemed";

        var firstWrite = await token.Update(first);
        var secondWrite = await token.Update(second);

        Assert.NotNull(firstWrite);
        Assert.Null(secondWrite);
    }

    [Fact]
    public async Task A_token_a_day_past_its_expiry_is_forgotten_with_its_item()
    {
        var token = dynamo.Grains.GetGrain<IOAuthTokenGrain>(Guid.NewGuid().ToString());
        await token.Create(new OAuthToken { Status = "redeemed", Type = "refresh_token", ExpirationDate = DateTimeOffset.UtcNow.AddDays(-2) });

        var read = await token.Get();
        var key = StoredItems.KeyOf(dynamo.ServiceId, "token", token.GetGrainId());
        var item = await dynamo.Client.GetAsync(DynamoDBFixture.TableName, key);

        Assert.Null(read);
        Assert.NotNull(item);
        Assert.False(item.ContainsKey("state"));
        Assert.False(item.ContainsKey("stateJson"));
    }
}
