using System.Text;
using Isopoh.Cryptography.Argon2;
using Microsoft.Extensions.Options;
using UserManagement.Contracts.Passwords;
using UserManagement.Contracts.Users;
using UserManagement.Grains.Passwords;

namespace UserManagement.Tests.Users;

public sealed class PasswordHashingTests : IDisposable
{
    private static readonly string Decomposed = "cafe\u0301 au lait at nine";

    private readonly Argon2idPasswordHasher _hasher = new(Options.Create(new PasswordHashingOptions()));

    public void Dispose() => _hasher.Dispose();

    [Fact]
    public async Task A_hash_made_from_the_raw_text_before_normalisation_still_verifies()
    {
        // As hashes were made before: of the text as sent, here a decomposed é.
        var before = Argon2.Hash(Decomposed, timeCost: 2, memoryCost: 19_456, parallelism: 1, type: Argon2Type.HybridAddressing);

        Assert.True(await _hasher.Verify(before, new Password(Decomposed)));
        Assert.False(await _hasher.Verify(before, new Password("a different passphrase")));
    }

    [Fact]
    public async Task New_hashes_are_of_the_normal_form_so_either_form_verifies()
    {
        var hash = await _hasher.Hash(new Password(Decomposed));

        Assert.True(await _hasher.Verify(hash, new Password(Decomposed.Normalize(NormalizationForm.FormC))));
        Assert.True(await _hasher.Verify(hash, new Password(Decomposed)));
    }

    [Fact]
    public async Task An_unknown_user_never_verifies_whatever_the_form()
    {
        Assert.False(await _hasher.Verify(null, new Password(Decomposed)));
        Assert.False(await _hasher.Verify(null, new Password("\ud800 lone surrogate")));
    }
}
