using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using UserManagement.Contracts.OAuth;

namespace UserManagement.Gateway.OAuth.Stores;

/// <summary>Clients, one grain each, keyed by <c>client_id</c> (which is also the record's id).</summary>
public sealed class GrainApplicationStore(IGrainFactory grains)
    : GrainStore<OAuthApplication, IOAuthApplicationGrain>(grains), IOpenIddictApplicationStore<OAuthApplication>
{
    public ValueTask CreateAsync(OAuthApplication application, CancellationToken cancellationToken)
    {
        application.Id = application.ClientId;
        return CreateRecord(application);
    }

    public ValueTask DeleteAsync(OAuthApplication application, CancellationToken cancellationToken) => DeleteRecord(application);

    public ValueTask<OAuthApplication?> FindByClientIdAsync(string identifier, CancellationToken cancellationToken) =>
        FindByIdAsync(identifier, cancellationToken);

    public IAsyncEnumerable<OAuthApplication> FindByPostLogoutRedirectUriAsync(string uri, CancellationToken cancellationToken) => throw NoScan();

    public IAsyncEnumerable<OAuthApplication> FindByRedirectUriAsync(string uri, CancellationToken cancellationToken) => throw NoScan();

    public ValueTask<string?> GetApplicationTypeAsync(OAuthApplication application, CancellationToken cancellationToken) => new(application.ApplicationType);

    public ValueTask<string?> GetClientIdAsync(OAuthApplication application, CancellationToken cancellationToken) => new(application.ClientId);

    public ValueTask<string?> GetClientSecretAsync(OAuthApplication application, CancellationToken cancellationToken) => new(application.ClientSecret);

    public ValueTask<string?> GetClientTypeAsync(OAuthApplication application, CancellationToken cancellationToken) => new(application.ClientType);

    public ValueTask<string?> GetConsentTypeAsync(OAuthApplication application, CancellationToken cancellationToken) => new(application.ConsentType);

    public ValueTask<string?> GetDisplayNameAsync(OAuthApplication application, CancellationToken cancellationToken) => new(application.DisplayName);

    public ValueTask<ImmutableDictionary<CultureInfo, string>> GetDisplayNamesAsync(OAuthApplication application, CancellationToken cancellationToken) =>
        new(StoredValues.ToCultures(application.DisplayNames));

    public ValueTask<JsonWebKeySet?> GetJsonWebKeySetAsync(OAuthApplication application, CancellationToken cancellationToken) =>
        new(application.JsonWebKeySet is null ? null : new JsonWebKeySet(application.JsonWebKeySet));

    public ValueTask<ImmutableArray<string>> GetPermissionsAsync(OAuthApplication application, CancellationToken cancellationToken) =>
        new(StoredValues.ToArray(application.Permissions));

    public ValueTask<ImmutableArray<string>> GetPostLogoutRedirectUrisAsync(OAuthApplication application, CancellationToken cancellationToken) =>
        new(StoredValues.ToArray(application.PostLogoutRedirectUris));

    public ValueTask<ImmutableArray<string>> GetRedirectUrisAsync(OAuthApplication application, CancellationToken cancellationToken) =>
        new(StoredValues.ToArray(application.RedirectUris));

    public ValueTask<ImmutableArray<string>> GetRequirementsAsync(OAuthApplication application, CancellationToken cancellationToken) =>
        new(StoredValues.ToArray(application.Requirements));

    public ValueTask<ImmutableDictionary<string, string>> GetSettingsAsync(OAuthApplication application, CancellationToken cancellationToken) =>
        new(application.Settings.ToImmutableDictionary(StringComparer.Ordinal));

    public ValueTask SetApplicationTypeAsync(OAuthApplication application, string? type, CancellationToken cancellationToken) =>
        Set(() => application.ApplicationType = type);

    public ValueTask SetClientIdAsync(OAuthApplication application, string? identifier, CancellationToken cancellationToken) =>
        Set(() => application.ClientId = identifier);

    public ValueTask SetClientSecretAsync(OAuthApplication application, string? secret, CancellationToken cancellationToken) =>
        Set(() => application.ClientSecret = secret);

    public ValueTask SetClientTypeAsync(OAuthApplication application, string? type, CancellationToken cancellationToken) =>
        Set(() => application.ClientType = type);

    public ValueTask SetConsentTypeAsync(OAuthApplication application, string? type, CancellationToken cancellationToken) =>
        Set(() => application.ConsentType = type);

    public ValueTask SetDisplayNameAsync(OAuthApplication application, string? name, CancellationToken cancellationToken) =>
        Set(() => application.DisplayName = name);

    public ValueTask SetDisplayNamesAsync(OAuthApplication application, ImmutableDictionary<CultureInfo, string> names, CancellationToken cancellationToken) =>
        Set(() => application.DisplayNames = StoredValues.FromCultures(names));

    public ValueTask SetJsonWebKeySetAsync(OAuthApplication application, JsonWebKeySet? set, CancellationToken cancellationToken) =>
        Set(() => application.JsonWebKeySet = set is null ? null : JsonSerializer.Serialize(set));

    public ValueTask SetPermissionsAsync(OAuthApplication application, ImmutableArray<string> permissions, CancellationToken cancellationToken) =>
        Set(() => application.Permissions = [.. permissions]);

    public ValueTask SetPostLogoutRedirectUrisAsync(OAuthApplication application, ImmutableArray<string> uris, CancellationToken cancellationToken) =>
        Set(() => application.PostLogoutRedirectUris = [.. uris]);

    public ValueTask SetRedirectUrisAsync(OAuthApplication application, ImmutableArray<string> uris, CancellationToken cancellationToken) =>
        Set(() => application.RedirectUris = [.. uris]);

    public ValueTask SetRequirementsAsync(OAuthApplication application, ImmutableArray<string> requirements, CancellationToken cancellationToken) =>
        Set(() => application.Requirements = [.. requirements]);

    public ValueTask SetSettingsAsync(OAuthApplication application, ImmutableDictionary<string, string> settings, CancellationToken cancellationToken) =>
        Set(() => application.Settings = new Dictionary<string, string>(settings, StringComparer.Ordinal));
}
