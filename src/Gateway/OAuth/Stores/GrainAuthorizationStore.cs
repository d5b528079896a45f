using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using OpenIddict.Abstractions;
using UserManagement.Contracts.OAuth;

namespace UserManagement.Gateway.OAuth.Stores;

/// <summary>
/// Authorizations, one grain each, keyed by id. Permanent ones (remembered consents) are also listed under their user
/// and client, for the sign-in page's look-up; ad-hoc ones (one per sign-in) are found only by id, from their tokens.
/// </summary>
public sealed class GrainAuthorizationStore(IGrainFactory grains)
    : GrainStore<OAuthAuthorization, IOAuthAuthorizationGrain>(grains), IOpenIddictAuthorizationStore<OAuthAuthorization>
{
    public async ValueTask CreateAsync(OAuthAuthorization authorization, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(authorization);
        authorization.Id = Guid.NewGuid().ToString("D");
        if (IsListed(authorization))
        {
            await Grains.GetConsent(authorization.Subject!, authorization.ApplicationId!).Add(authorization.Id);
        }

        await CreateRecord(authorization);
    }

    public async ValueTask DeleteAsync(OAuthAuthorization authorization, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(authorization);
        await DeleteRecord(authorization);
        if (IsListed(authorization))
        {
            await Grains.GetConsent(authorization.Subject!, authorization.ApplicationId!).Remove(authorization.Id!);
        }
    }

    public async IAsyncEnumerable<OAuthAuthorization> FindAsync(
        string? subject, string? client, string? status, string? type, ImmutableArray<string>? scopes,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(subject) || string.IsNullOrEmpty(client))
        {
            throw NoScan();
        }

        foreach (var id in await Grains.GetConsent(subject, client).AuthorizationIds())
        {
            if (await Grain(id).Get() is { } authorization
                && (status is null || authorization.Status == status)
                && (type is null || authorization.Type == type)
                && (scopes is not { } wanted || wanted.All(authorization.Scopes.Contains)))
            {
                yield return authorization;
            }
        }
    }

    public IAsyncEnumerable<OAuthAuthorization> FindByApplicationIdAsync(string identifier, CancellationToken cancellationToken) => throw NoScan();

    public IAsyncEnumerable<OAuthAuthorization> FindBySubjectAsync(string subject, CancellationToken cancellationToken) => throw NoScan();

    public ValueTask<long> PruneAsync(DateTimeOffset threshold, CancellationToken cancellationToken) => throw NoScan();

    public ValueTask<long> RevokeAsync(string? subject, string? client, string? status, string? type, CancellationToken cancellationToken) => throw NoScan();

    public ValueTask<long> RevokeByApplicationIdAsync(string identifier, CancellationToken cancellationToken) => throw NoScan();

    public ValueTask<long> RevokeBySubjectAsync(string subject, CancellationToken cancellationToken) => throw NoScan();

    public ValueTask<string?> GetApplicationIdAsync(OAuthAuthorization authorization, CancellationToken cancellationToken) => new(authorization.ApplicationId);

    public ValueTask<DateTimeOffset?> GetCreationDateAsync(OAuthAuthorization authorization, CancellationToken cancellationToken) => new(authorization.CreationDate);

    public ValueTask<ImmutableArray<string>> GetScopesAsync(OAuthAuthorization authorization, CancellationToken cancellationToken) =>
        new(StoredValues.ToArray(authorization.Scopes));

    public ValueTask<string?> GetStatusAsync(OAuthAuthorization authorization, CancellationToken cancellationToken) => new(authorization.Status);

    public ValueTask<string?> GetSubjectAsync(OAuthAuthorization authorization, CancellationToken cancellationToken) => new(authorization.Subject);

    public ValueTask<string?> GetTypeAsync(OAuthAuthorization authorization, CancellationToken cancellationToken) => new(authorization.Type);

    public ValueTask SetApplicationIdAsync(OAuthAuthorization authorization, string? identifier, CancellationToken cancellationToken) =>
        Set(() => authorization.ApplicationId = identifier);

    public ValueTask SetCreationDateAsync(OAuthAuthorization authorization, DateTimeOffset? date, CancellationToken cancellationToken) =>
        Set(() => authorization.CreationDate = date);

    public ValueTask SetScopesAsync(OAuthAuthorization authorization, ImmutableArray<string> scopes, CancellationToken cancellationToken) =>
        Set(() => authorization.Scopes = [.. scopes]);

    public ValueTask SetStatusAsync(OAuthAuthorization authorization, string? status, CancellationToken cancellationToken) =>
        Set(() => authorization.Status = status);

    public ValueTask SetSubjectAsync(OAuthAuthorization authorization, string? subject, CancellationToken cancellationToken) =>
        Set(() => authorization.Subject = subject);

    public ValueTask SetTypeAsync(OAuthAuthorization authorization, string? type, CancellationToken cancellationToken) =>
        Set(() => authorization.Type = type);

    private static bool IsListed(OAuthAuthorization authorization) =>
        authorization.Type == OpenIddictConstants.AuthorizationTypes.Permanent
        && authorization.Subject is not null
        && authorization.ApplicationId is not null;
}
