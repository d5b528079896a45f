using UserManagement.Contracts.Users;

namespace UserManagement.Gateway.Authentication;

/// <summary>The wire names of <see cref="UserTier"/>: the tokens' <c>user_type</c> claim and the API's <c>userType</c>.</summary>
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
