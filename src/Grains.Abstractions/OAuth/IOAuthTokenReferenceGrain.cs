namespace UserManagement.Contracts.OAuth;

/// <summary>
/// The look-up of a token by its reference id, keyed by the hash of that id (OpenIddict hashes reference ids before
/// it stores or looks for them), so the item's key reveals no usable token.
/// </summary>
public interface IOAuthTokenReferenceGrain : IGrainWithStringKey
{
    Task<string?> TokenId();

    /// <summary>Points this reference at a token; false when it already names another.</summary>
    Task<bool> Assign(string tokenId, DateTimeOffset? expiresAt);

    Task Release(string tokenId);
}
