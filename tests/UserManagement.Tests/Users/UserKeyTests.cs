using UserManagement.Grains.Users;

namespace UserManagement.Tests.Users;

public sealed class UserKeyTests
{
    [Theory]
    [InlineData("Jane.Doe@Example.com", "jane.doe@example.com")]
    [InlineData("  jane.doe@example.com ", "JANE.DOE@EXAMPLE.COM")]
    [InlineData("caf\u00e9@example.com", "cafe\u0301@example.com")]
    public void Addresses_that_differ_only_in_case_space_or_unicode_form_are_one_user(string one, string other) =>
        Assert.Equal(UserKey.FromEmailAddress(one), UserKey.FromEmailAddress(other));

    [Fact]
    public void The_id_is_a_version_5_uuid()
    {
        var id = Guid.Parse(UserKey.FromEmailAddress("jane.doe@example.com"));

        Assert.Equal(5, id.Version);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-an-id")]
    [InlineData("a@b")]
    public void Malformed_ids_and_addresses_do_not_resolve(string candidate) =>
        Assert.False(UserKey.TryResolve(candidate, out _));

    [Theory]
    [InlineData(0xD800, 4)]
    [InlineData(0xDC00, 8)]
    public void Addresses_with_a_lone_surrogate_do_not_resolve(int surrogate, int position)
    {
        // Built here, not in the attribute: attribute strings are stored as UTF-8, which cannot hold a lone surrogate.
        var address = "jane@example.com".Insert(position, ((char)surrogate).ToString());

        Assert.False(UserKey.TryResolve(address, out _));
    }

    [Fact]
    public void An_id_resolves_to_itself_and_an_address_to_its_id()
    {
        var id = UserKey.FromEmailAddress("jane.doe@example.com");

        Assert.True(UserKey.TryResolve(id.ToUpperInvariant(), out var fromId));
        Assert.True(UserKey.TryResolve("Jane.Doe@example.com", out var fromAddress));

        Assert.Equal(id, fromId);
        Assert.Equal(id, fromAddress);
    }
}
