using Microsoft.IdentityModel.Tokens;

namespace UserManagement.Gateway.Authentication;

/// <summary>
/// The bearer scheme's token handler behind <see cref="ValidatedTokenCache"/>: a token seen before, still unexpired and
/// under the same parameters, is answered from the cache; any other is validated by <paramref name="inner"/> with every
/// check, and remembered when it passes.
/// </summary>
/// <param name="configured">
/// The scheme's parameters as configured. The bearer handler validates each request with a copy of them, so the
/// remembered outcomes belong to these: options built anew (other keys, issuers or audience) come with new ones.
/// </param>
public sealed class CachedTokenValidation(TokenHandler inner, ValidatedTokenCache cache, TokenValidationParameters configured) : TokenHandler
{
    public override int MaximumTokenSizeInBytes
    {
        get => inner.MaximumTokenSizeInBytes;
        set => inner.MaximumTokenSizeInBytes = value;
    }

    public override SecurityToken ReadToken(string token) => inner.ReadToken(token);

    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        if (cache.Find(token, configured) is { } remembered)
        {
            return remembered;
        }

        var result = await inner.ValidateTokenAsync(token, validationParameters);
        cache.Remember(token, configured, result);
        return result;
    }

    public override Task<TokenValidationResult> ValidateTokenAsync(SecurityToken token, TokenValidationParameters validationParameters) =>
        inner.ValidateTokenAsync(token, validationParameters);
}
