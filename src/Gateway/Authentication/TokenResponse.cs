namespace UserManagement.Gateway.Authentication;

public sealed record TokenResponse(string Token);
