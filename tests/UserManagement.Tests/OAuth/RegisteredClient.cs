namespace UserManagement.Tests.OAuth;

/// <summary>A client as its registration answered it.</summary>
public sealed record RegisteredClient(string ClientId, string? ClientSecret, string RegistrationAccessToken, string RedirectUri);
