namespace UserManagement.Contracts.Users;

public static class UserGrainExtensions
{
    public static IUserGrain GetUser(this IGrainFactory grains, string userId) => grains.GetGrain<IUserGrain>(userId);

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
