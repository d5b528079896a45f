namespace UserManagement.Gateway.Authentication;

/// <summary>The claim names other services read from our tokens.</summary>
public static class TokenClaims
{
    public const string Subject = "sub";
    public const string UserType = "user_type";
}
