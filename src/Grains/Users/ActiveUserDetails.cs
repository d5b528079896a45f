using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using UserManagement.Contracts.Users;

namespace UserManagement.Grains.Users;

/// <inheritdoc cref="IActiveUserDetails"/>
public sealed class ActiveUserDetails : IActiveUserDetails
{
    private readonly ConcurrentDictionary<string, UserDetails> _details = new(StringComparer.Ordinal);

    public bool TryGet(string userId, [NotNullWhen(true)] out UserDetails? details) => _details.TryGetValue(userId, out details);

    internal void Publish(UserDetails details) => _details[details.UserId] = details;

    internal void Withdraw(string userId) => _details.TryRemove(userId, out _);
}
