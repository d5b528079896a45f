namespace UserManagement.Contracts.Users;

/// <summary>The wire names of <see cref="UserTier"/> that other services read from tokens.</summary>
public static class UserTierNames
{
    public const string Standard = "STANDARD";
    public const string Premium = "PREMIUM";
    public const string Admin = "ADMIN";

    public static string ToWireName(this UserTier tier) => tier switch
    {
        UserTier.Premium => Premium,
        UserTier.Admin => Admin,
        _ => Standard,
    };
}
