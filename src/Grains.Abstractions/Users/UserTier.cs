namespace UserManagement.Contracts.Users;

/// <summary>A user's tier; the gateway gives its names on the wire.</summary>
public enum UserTier
{
    Standard = 0,
    Premium = 1,
    Admin = 2,
}
