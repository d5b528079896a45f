using Orleans.Runtime;
using UserManagement.Contracts.Users;
using UserManagement.Tests.Builders;
using UserManagement.Tests.Persistence;
using UserManagement.Grains.Users;

namespace UserManagement.Tests.Cluster;

/// <summary>The service scaled out over two silos sharing one table; a silo leaves and its users live on.</summary>
[Collection(DynamoDBCollection.Name)]
public sealed class TwoSiloTests(DynamoDBFixture dynamo)
{
    private const int Users = 40;

    [Fact]
    public async Task Users_spread_over_two_silos_stay_readable_and_writable_with_their_state_when_one_stops()
    {
        await using var cluster = await dynamo.NewCluster().WithSilos(2).StartAsync();
        var registrations = Enumerable.Range(0, Users).Select(_ => A.Registration()).ToList();
        foreach (var registration in registrations)
        {
            var user = cluster.GrainFactory.GetUserByEmailAddress(registration.EmailAddress);
            await user.Register(registration.Build());
            await user.RecordCompletedOrder(new CompletedOrder("before"));
        }

        var activations = await UserActivationsPerSilo(cluster.GrainFactory);
        Assert.Equal(2, activations.Count(a => a.Value > 0));

        await cluster.StopSiloAsync(cluster.SecondarySilos[0]);

        foreach (var registration in registrations)
        {
            var user = cluster.GrainFactory.GetUserByEmailAddress(registration.EmailAddress);
            var details = await user.GetDetails();
            Assert.Equal(1, details?.OrderCount);
            Assert.Equal(LoginOutcome.Succeeded, (await user.LogIn(new Password(registration.Password))).Outcome);
            Assert.Equal(2, (await user.RecordCompletedOrder(new CompletedOrder("after"))).OrderCount);
        }
    }

    private static async Task<Dictionary<SiloAddress, int>> UserActivationsPerSilo(IGrainFactory grains)
    {
        var statistics = await grains.GetGrain<IManagementGrain>(0).GetSimpleGrainStatistics();
        return statistics
            .Where(s => s.GrainType.Contains(nameof(UserGrain), StringComparison.Ordinal))
            .GroupBy(s => s.SiloAddress)
            .ToDictionary(g => g.Key, g => g.Sum(s => s.ActivationCount));
    }
}
