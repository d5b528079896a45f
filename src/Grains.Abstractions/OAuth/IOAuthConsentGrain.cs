namespace UserManagement.Contracts.OAuth;

/// <summary>
/// The permanent authorizations (remembered consents) of one user for one client, keyed by both. Ad-hoc
/// authorizations are not listed: there is one per sign-in, and a list of them would grow without bound.
/// </summary>
public interface IOAuthConsentGrain : IGrainWithStringKey
{
    Task<IReadOnlyList<string>> AuthorizationIds();

    Task Add(string authorizationId);

    Task Remove(string authorizationId);
}
