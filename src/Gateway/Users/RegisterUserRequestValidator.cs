using UserManagement.Contracts.Passwords;
using UserManagement.Contracts.Users;

namespace UserManagement.Gateway.Users;

public static class RegisterUserRequestValidator
{
    /// <summary>Every invalid field, named as on the wire.</summary>
    public static Dictionary<string, string[]> Validate(RegisterUserRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        if (!EmailAddress.IsValid(request.EmailAddress))
        {
            errors["email_address"] = [
                "A valid email address is required: a plain address without quotes, comments, spaces or invisible characters, in one script."];
        }

        if (!PersonName.IsValid(request.FirstName))
        {
            errors["first_name"] = [$"A first name of at most {PersonName.MaxLength} visible characters, without control characters, is required."];
        }

        if (!PersonName.IsValid(request.LastName))
        {
            errors["last_name"] = [$"A last name of at most {PersonName.MaxLength} visible characters, without control characters, is required."];
        }

        if (PasswordPolicy.Check(request.Password) is { } reason)
        {
            errors["password"] = [reason];
        }

        return errors;
    }
}
