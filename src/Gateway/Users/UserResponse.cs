using UserManagement.Contracts.Users;
using UserManagement.Gateway.Authentication;

namespace UserManagement.Gateway.Users;

/// <summary>The contract's <c>User</c>; <c>userType</c> is an addition the contract allows.</summary>
public sealed record UserResponse(
    string UserId,
    string EmailAddress,
    string FirstName,
    string LastName,
    int OrderCount,
    string UserType)
{
    public static UserResponse From(UserDetails user) =>
        new(user.UserId, user.EmailAddress, user.FirstName, user.LastName, user.OrderCount, user.Tier.ToWireName());
}
