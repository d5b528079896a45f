namespace UserManagement.Tests.OAuth;

/// <summary>An authorization request as a well-behaved client sends it: code flow, S256, a state, every scope, unless told otherwise.</summary>
public sealed class AuthorizationRequestBuilder(RegisteredClient client)
{
    private readonly Dictionary<string, string?> _parameters = new(StringComparer.Ordinal)
    {
        ["response_type"] = "code",
        ["client_id"] = client.ClientId,
        ["redirect_uri"] = client.RedirectUri,
        ["scope"] = "openid profile email read offline_access",
        ["state"] = Guid.NewGuid().ToString("N"),
        ["code_challenge_method"] = "S256",
    };

    public Pkce Pkce { get; private set; } = Pkce.New();

    public string State => _parameters["state"]!;

    public AuthorizationRequestBuilder With(string name, string? value)
    {
        _parameters[name] = value;
        return this;
    }

    public AuthorizationRequestBuilder WithoutPkce() => With("code_challenge", null).With("code_challenge_method", null);

    public string BuildPath()
    {
        _parameters.TryAdd("code_challenge", Pkce.Challenge);
        var query = _parameters.Where(p => p.Value is not null).Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value!)}");
        return "/oauth/authorize?" + string.Join('&', query);
    }
}
