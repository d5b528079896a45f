namespace UserManagement.Grains.Users;

public static class UserGrainExtensions
{
    public static IUserGrain GetUser(this IGrainFactory grains, string userId) => grains.GetGrain<IUserGrain>(userId);

    public static IUserGrain GetUserByEmailAddress(this IGrainFactory grains, string emailAddress) =>
        grains.GetGrain<IUserGrain>(UserKey.FromEmailAddress(emailAddress));
}
