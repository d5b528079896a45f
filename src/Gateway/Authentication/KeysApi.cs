namespace UserManagement.Gateway.Authentication;

public static class KeysApi
{
    /// <summary><c>/.well-known/jwks.json</c>: the keys that verify ES256 tokens, so a consumer needs no shared secret.</summary>
    public static IEndpointConventionBuilder MapKeysApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/.well-known/jwks.json", (SigningKeyRing keys) => TypedResults.Ok(keys.PublicKeys()))
            .WithTags("Authentication")
            .WithSummary("Public keys of the ES256 signing keys (empty when tokens are HS256 only)");
}
