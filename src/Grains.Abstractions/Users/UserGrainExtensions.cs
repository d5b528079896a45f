using System.Runtime.CompilerServices;

namespace UserManagement.Contracts.Users;

public static class UserGrainExtensions
{
    // GetGrain<T>(key) resolves the interface's and the grain's type names by reflection on every call (a fifth of a
    // read's own cost in a profile); they cannot change while the factory lives, so each factory resolves them once.
    private static readonly ConditionalWeakTable<IGrainFactory, Tuple<GrainType, GrainInterfaceType>> UserGrainTypes = new();

    public static IUserGrain GetUser(this IGrainFactory grains, string userId)
    {
        if (UserGrainTypes.TryGetValue(grains, out var types))
        {
            return (IUserGrain)grains.GetGrain(GrainId.Create(types.Item1, userId), types.Item2);
        }

        var user = grains.GetGrain<IUserGrain>(userId);
        var reference = (GrainReference)user;
        UserGrainTypes.TryAdd(grains, Tuple.Create(reference.GrainId.Type, reference.InterfaceType));
        return user;
    }

    public static IUserGrain GetUserByEmailAddress(this IGrainFactory grains, string emailAddress) =>
        grains.GetUser(UserKey.FromEmailAddress(emailAddress));

    /// <summary>
    /// The user a valid address names: the one under its canonical id, or, when nobody is registered there and the
    /// address is spelled otherwise, one registered under that spelling before addresses were canonicalised. Costs
    /// nothing more for an address written canonically.
    /// </summary>
    public static async Task<IUserGrain> FindUserByEmailAddress(this IGrainFactory grains, string emailAddress)
    {
        var canonical = grains.GetUserByEmailAddress(emailAddress);
        var formerId = UserKey.FormerFromEmailAddress(emailAddress);
        if (formerId == canonical.GetPrimaryKeyString() || await canonical.GetDetails() is not null)
        {
            return canonical;
        }

        var former = grains.GetUser(formerId);
        return await former.GetDetails() is not null ? former : canonical;
    }
}
