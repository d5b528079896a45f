using System.Collections.Immutable;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using OpenIddict.Abstractions;

namespace UserManagement.Gateway.OAuth.Stores;

/// <summary>The scope store over <see cref="OAuthScopes"/>: read-only, since scopes change with the code, not at run time.</summary>
public sealed class CatalogueScopeStore : IOpenIddictScopeStore<ScopeDescription>
{
    public ValueTask<ScopeDescription?> FindByIdAsync(string identifier, CancellationToken cancellationToken) => new(OAuthScopes.Find(identifier));

    public ValueTask<ScopeDescription?> FindByNameAsync(string name, CancellationToken cancellationToken) => new(OAuthScopes.Find(name));

    public async IAsyncEnumerable<ScopeDescription> FindByNamesAsync(ImmutableArray<string> names, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.CompletedTask;
        foreach (var scope in OAuthScopes.All.Where(s => names.Contains(s.Name)))
        {
            yield return scope;
        }
    }

    public IAsyncEnumerable<ScopeDescription> FindByResourceAsync(string resource, CancellationToken cancellationToken) => AsyncEnumerable.Empty<ScopeDescription>();

    public IAsyncEnumerable<ScopeDescription> ListAsync(int? count, int? offset, CancellationToken cancellationToken) =>
        OAuthScopes.All.Skip(offset ?? 0).Take(count ?? int.MaxValue).ToAsyncEnumerable();

    public ValueTask<long> CountAsync(CancellationToken cancellationToken) => new(OAuthScopes.All.Count);

    public ValueTask<long> CountAsync<TResult>(Func<IQueryable<ScopeDescription>, IQueryable<TResult>> query, CancellationToken cancellationToken) =>
        new(query(OAuthScopes.All.AsQueryable()).LongCount());

    public ValueTask<TResult?> GetAsync<TState, TResult>(Func<IQueryable<ScopeDescription>, TState, IQueryable<TResult>> query, TState? state, CancellationToken cancellationToken) =>
        new(query(OAuthScopes.All.AsQueryable(), state!).FirstOrDefault());

    public IAsyncEnumerable<TResult> ListAsync<TState, TResult>(Func<IQueryable<ScopeDescription>, TState, IQueryable<TResult>> query, TState? state, CancellationToken cancellationToken) =>
        query(OAuthScopes.All.AsQueryable(), state!).ToAsyncEnumerable();

    public ValueTask<string?> GetDescriptionAsync(ScopeDescription scope, CancellationToken cancellationToken) => new(scope.Description);

    public ValueTask<ImmutableDictionary<CultureInfo, string>> GetDescriptionsAsync(ScopeDescription scope, CancellationToken cancellationToken) =>
        new(ImmutableDictionary<CultureInfo, string>.Empty);

    public ValueTask<string?> GetDisplayNameAsync(ScopeDescription scope, CancellationToken cancellationToken) => new(scope.DisplayName);

    public ValueTask<ImmutableDictionary<CultureInfo, string>> GetDisplayNamesAsync(ScopeDescription scope, CancellationToken cancellationToken) =>
        new(ImmutableDictionary<CultureInfo, string>.Empty);

    public ValueTask<string?> GetIdAsync(ScopeDescription scope, CancellationToken cancellationToken) => new(scope.Name);

    public ValueTask<string?> GetNameAsync(ScopeDescription scope, CancellationToken cancellationToken) => new(scope.Name);

    public ValueTask<ImmutableDictionary<string, JsonElement>> GetPropertiesAsync(ScopeDescription scope, CancellationToken cancellationToken) =>
        new(ImmutableDictionary<string, JsonElement>.Empty);

    public ValueTask<ImmutableArray<string>> GetResourcesAsync(ScopeDescription scope, CancellationToken cancellationToken) => new(ImmutableArray<string>.Empty);

    public ValueTask<ScopeDescription> InstantiateAsync(CancellationToken cancellationToken) => throw ReadOnly();

    public ValueTask CreateAsync(ScopeDescription scope, CancellationToken cancellationToken) => throw ReadOnly();

    public ValueTask DeleteAsync(ScopeDescription scope, CancellationToken cancellationToken) => throw ReadOnly();

    public ValueTask UpdateAsync(ScopeDescription scope, CancellationToken cancellationToken) => throw ReadOnly();

    public ValueTask SetDescriptionAsync(ScopeDescription scope, string? description, CancellationToken cancellationToken) => throw ReadOnly();

    public ValueTask SetDescriptionsAsync(ScopeDescription scope, ImmutableDictionary<CultureInfo, string> descriptions, CancellationToken cancellationToken) => throw ReadOnly();

    public ValueTask SetDisplayNameAsync(ScopeDescription scope, string? name, CancellationToken cancellationToken) => throw ReadOnly();

    public ValueTask SetDisplayNamesAsync(ScopeDescription scope, ImmutableDictionary<CultureInfo, string> names, CancellationToken cancellationToken) => throw ReadOnly();

    public ValueTask SetNameAsync(ScopeDescription scope, string? name, CancellationToken cancellationToken) => throw ReadOnly();

    public ValueTask SetPropertiesAsync(ScopeDescription scope, ImmutableDictionary<string, JsonElement> properties, CancellationToken cancellationToken) => throw ReadOnly();

    public ValueTask SetResourcesAsync(ScopeDescription scope, ImmutableArray<string> resources, CancellationToken cancellationToken) => throw ReadOnly();

    private static NotSupportedException ReadOnly() => new("Scopes are defined in code (OAuthScopes) and cannot be changed at run time.");
}
