using UserManagement.Contracts.Users;

namespace UserManagement.Testing.Builders;

/// <summary>A valid registration of a new, unique user unless told otherwise.</summary>
public sealed class RegistrationBuilder
{
    private string _emailAddress = $"user-{Guid.NewGuid():N}@example.com";
    private string _firstName = "Jane";
    private string _lastName = "Doe";
    private string _password = "correct horse battery";

    public string EmailAddress => _emailAddress;

    public string Password => _password;

    public RegistrationBuilder WithEmailAddress(string emailAddress)
    {
        _emailAddress = emailAddress;
        return this;
    }

    public RegistrationBuilder WithFirstName(string firstName)
    {
        _firstName = firstName;
        return this;
    }

    public RegistrationBuilder WithLastName(string lastName)
    {
        _lastName = lastName;
        return this;
    }

    public RegistrationBuilder WithPassword(string password)
    {
        _password = password;
        return this;
    }

    public Registration Build() => new(_emailAddress, _firstName, _lastName, new Password(_password));

    /// <summary>The body of <c>POST /user</c>, in the contract's field names.</summary>
    public Dictionary<string, string?> BuildRequestBody() => new()
    {
        ["email_address"] = _emailAddress,
        ["first_name"] = _firstName,
        ["last_name"] = _lastName,
        ["password"] = _password,
    };
}
