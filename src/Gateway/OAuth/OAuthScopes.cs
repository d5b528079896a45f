using OpenIddict.Abstractions;

namespace UserManagement.Gateway.OAuth;

/// <summary>
/// The scopes clients may ask for, as the consent page words them. They are part of the API, not data: they change
/// with the code that honours them, so they live here rather than in storage.
/// </summary>
public static class OAuthScopes
{
    public const string Read = "read";
    public const string Write = "write";

    public static IReadOnlyList<ScopeDescription> All { get; } =
    [
        new(OpenIddictConstants.Scopes.OpenId, "Sign you in", "Confirm who you are to the application."),
        new(OpenIddictConstants.Scopes.Profile, "Your name", "Your first and last name."),
        new(OpenIddictConstants.Scopes.Email, "Your email address", "The address you sign in with."),
        new(Read, "Read your shop data", "Your account and your orders."),
        new(Write, "Act in the shop for you", "Place and change orders as you."),
        new(OpenIddictConstants.Scopes.OfflineAccess, "Stay signed in", "Keep access after you leave, until you revoke it."),
    ];

    public static IEnumerable<string> Names => All.Select(s => s.Name);

    public static ScopeDescription? Find(string name) => All.FirstOrDefault(s => s.Name == name);
}

public sealed record ScopeDescription(string Name, string DisplayName, string Description);
