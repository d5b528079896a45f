using UserManagement.Gateway.Common;
using UserManagement.Contracts.Passwords;
using UserManagement.Contracts.Users;

namespace UserManagement.Gateway.Authentication;

/// <summary>
/// The one check of an email address and password, behind <c>POST /login</c> and the OAuth sign-in page alike, so
/// both get the same per-address back-off under the per-account ceiling and the same answer for an unknown address as for a wrong password.
/// </summary>
public sealed class CredentialCheck(IGrainFactory grains)
{
    /// <summary>Checks for the request's client address, dropped once its client hangs up or the grain call times out.</summary>
    public async Task<LoginResult> Check(string emailAddress, string password, HttpContext http)
    {
        // A malformed address or an over-long password cannot match any account: the same answer as a wrong password.
        if (!EmailAddress.IsValid(emailAddress) || password.Length > PasswordPolicy.MaxLength * 2)
        {
            return LoginResult.InvalidCredentials;
        }

        var account = await grains.FindUserByEmailAddress(emailAddress);
        using var deadline = GrainCallDeadline.For(http);
        return await account.LogIn(new Password(password), http.Connection.RemoteIpAddress, deadline.Token);
    }
}
