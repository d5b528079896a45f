using System.Text.Json.Serialization;

namespace UserManagement.Gateway.Users;

public sealed record RegisterUserRequest(
    [property: JsonPropertyName("email_address")] string? EmailAddress,
    [property: JsonPropertyName("first_name")] string? FirstName,
    [property: JsonPropertyName("last_name")] string? LastName,
    [property: JsonPropertyName("password")] string? Password);
