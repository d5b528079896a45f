using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using UserManagement.Contracts.Passwords;
using UserManagement.Contracts.Users;
using UserManagement.Grains.Passwords;

namespace UserManagement.Tests.Events;

/// <summary>
/// A silo whose password hash is a plain SHA-256, for tests of thousands of registrations that are about their events:
/// 10,000 Argon2id hashes would cost 1,000 CPU-seconds and measure nothing those tests look at.
/// </summary>
public sealed class FastPasswordHashing : ISiloConfigurator
{
    public void Configure(ISiloBuilder siloBuilder) => siloBuilder.Services.AddSingleton<IPasswordHasher, Sha256Hasher>();

    private sealed class Sha256Hasher : IPasswordHasher
    {
        public Task<string> Hash(Password password, CancellationToken cancellationToken = default) =>
            Task.FromResult("$test-sha256$" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(password.Value))));

        public async Task<bool> Verify(string? passwordHash, Password password, CancellationToken cancellationToken = default) =>
            passwordHash == await Hash(password, cancellationToken);
    }
}
