using UserManagement.Contracts.Users;

namespace UserManagement.Tests.Users;

public sealed class UserKeyTests
{
    [Theory]
    [InlineData("Jane.Doe@Example.com", "jane.doe@example.com")]
    [InlineData("  jane.doe@example.com ", "JANE.DOE@EXAMPLE.COM")]
    [InlineData("caf\u00e9@example.com", "cafe\u0301@example.com")]
    [InlineData("jane.doe@example.com.", "jane.doe@example.com")]
    [InlineData("idn@bücher.de", "idn@xn--bcher-kva.de")]
    [InlineData("ｊａｎｅ@ｅｘａｍｐｌｅ.com", "jane@example.com")]
    public void Addresses_that_differ_only_in_case_space_unicode_form_or_domain_spelling_are_one_user(string one, string other) =>
        Assert.Equal(UserKey.FromEmailAddress(one), UserKey.FromEmailAddress(other));

    /// <summary>
    /// Ids of addresses already written canonically, as the service derived them before addresses were canonicalised
    /// (trimmed, NFC, lower case): those users keep their ids.
    /// </summary>
    [Theory]
    [InlineData("jane.doe@example.com", "e7e2aea5-3478-5afc-9cfb-95bd76f8cc24")]
    [InlineData("Jane.Doe@Example.COM", "e7e2aea5-3478-5afc-9cfb-95bd76f8cc24")]
    [InlineData("admin@serverless-sample.com", "ef537204-8f5c-586d-8591-9955f485ffa8")]
    [InlineData("o'brien+orders@shop.example.co.uk", "01284ce6-10f0-5975-90ea-5eba50f55eaf")]
    [InlineData("josé.garcía@example.es", "f611c2f0-67ac-5aea-b8ce-0b9125fd771f")]
    [InlineData("idn@xn--bcher-kva.de", "8ec890bd-eda7-5dfd-84fa-438dc53a8ae1")]
    [InlineData("a/b@example.com", "79b39d2a-b30b-5385-8487-cc9ae07debaa")]
    [InlineData("user_1.test-x@sub.example.org", "eee06eb9-9f49-5e7e-86ca-59eb8e610cb3")]
    public void Users_registered_under_a_canonical_address_keep_their_ids(string emailAddress, string idBefore) =>
        Assert.Equal(idBefore, UserKey.FromEmailAddress(emailAddress));

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
    [InlineData("\"quoted\"@example.com")]
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
        Assert.True(UserKey.TryResolve("Jane.Doe@example.com.", out var fromAddress));

        Assert.Equal(id, fromId);
        Assert.Equal(id, fromAddress);
    }
}
