using System.Text.Json.Serialization;

namespace UserManagement.Gateway.Authentication;

public sealed record LoginRequest(
    [property: JsonPropertyName("email_address")] string? EmailAddress,
    [property: JsonPropertyName("password")] string? Password);
