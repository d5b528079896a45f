namespace UserManagement.Contracts.Users;

/// <summary>A user's tier, as carried in the token's <c>user_type</c> claim.</summary>
public enum UserTier
{
    Standard = 0,
    Premium = 1,
    Admin = 2,
}
