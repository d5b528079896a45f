using Microsoft.Extensions.Logging;
using UserManagement.Contracts.Users;
using UserManagement.Tests.Builders;
using UserManagement.Tests.Infrastructure;
using UserManagement.Tests.Ingest;
using UserManagement.Tests.Persistence.FaultInjection;

namespace UserManagement.Tests.Persistence;

/// <summary>Seeding the administrator never stops a silo: it tries again until DynamoDB answers, and says when it cannot help.</summary>
[Collection(DynamoDBCollection.Name)]
public sealed class AdministratorSeedingTests(DynamoDBFixture dynamo)
{
    private const string AdminPassword = "seeded administrator passphrase";

    [Fact]
    public async Task A_silo_starts_while_DynamoDB_is_down_and_seeds_the_administrator_once_it_is_back()
    {
        await using var proxy = await FaultyDynamoDBProxy.StartAsync(dynamo.ServiceUrl);
        var admin = $"admin-{Guid.NewGuid():N}@example.com";
        var failuresBefore = SeedingFailures();
        proxy.StartOutage();

        // The storage's own start-up check of the table would stop a silo that cannot reach DynamoDB (a wrong endpoint
        // is told at once that way); this silo's table is owned by the deployment, as in production with the check off.
        await using var cluster = await dynamo.NewCluster()
            .WithEndpoint(proxy.Url)
            .WithoutStartupTableCheck()
            .WithRequestTimeout(TimeSpan.FromSeconds(1))
            .WithSettings(AdministratorAt(admin))
            .StartAsync();
        await Eventually.Until(() => Task.FromResult(SeedingFailures() >= failuresBefore + 2), "seeding to fail and try again");
        proxy.EndOutage();

        await Eventually.Until(
            async () => (await cluster.GrainFactory.GetUserByEmailAddress(admin).GetDetails())?.Tier == UserTier.Admin,
            "the administrator to be seeded");
        Assert.True(proxy.RefusedInOutage > 0);
    }

    [Fact]
    public async Task An_account_at_the_administrators_address_that_is_not_an_administrator_is_logged_as_an_error()
    {
        var registration = A.Registration();
        var builder = dynamo.NewCluster();
        await using (var before = await builder.StartAsync())
        {
            await before.GrainFactory.GetUserByEmailAddress(registration.EmailAddress).Register(registration.Build());
        }

        // The address becomes the administrator's after its owner registered it.
        await using var after = await dynamo.NewCluster()
            .WithServiceId(builder.ServiceId)
            .WithSettings(AdministratorAt(registration.EmailAddress))
            .StartAsync();

        var userId = UserKey.FromEmailAddress(registration.EmailAddress);
        await Eventually.Until(
            () => Task.FromResult(CapturedTelemetry.Logs.Entries.Any(e => e.Level == LogLevel.Error && e.Text.Contains("not an administrator", StringComparison.Ordinal) && e.Text.Contains(userId, StringComparison.Ordinal))),
            "the error to be logged");
        var user = await after.GrainFactory.GetUserByEmailAddress(registration.EmailAddress).GetDetails();
        Assert.Equal(UserTier.Standard, user?.Tier);
    }

    private static Dictionary<string, string?> AdministratorAt(string emailAddress) => new()
    {
        ["Admin:EmailAddress"] = emailAddress,
        ["Admin:Password"] = AdminPassword,
        ["Admin:SeedRetryDelay"] = "00:00:00.200",
        ["Admin:SeedRetryMaxDelay"] = "00:00:01",
    };

    /// <summary>Failed seeding tries logged so far (only the tests of this collection seed on DynamoDB, one at a time).</summary>
    private static int SeedingFailures() =>
        CapturedTelemetry.Logs.Entries.Count(e =>
            e.Level == LogLevel.Warning && e.Text.Contains("Seeding the administrator failed", StringComparison.Ordinal));
}
