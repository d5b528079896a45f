using UserManagement.Contracts.Users;
using UserManagement.Tests.Builders;

namespace UserManagement.Tests.Ingest;

/// <summary>A user registered through the grain, as the gateway would, for order events to name.</summary>
public sealed record RegisteredUser(string UserId, string EmailAddress)
{
    public static async Task<RegisteredUser> Register(IGrainFactory grains)
    {
        var registration = A.Registration().Build();
        var result = await grains.GetUserByEmailAddress(registration.EmailAddress).Register(registration);
        return new RegisteredUser(result.User!.UserId, registration.EmailAddress);
    }

    public async Task<int> OrderCount(IGrainFactory grains) => (await grains.GetUser(UserId).GetDetails())!.OrderCount;
}
