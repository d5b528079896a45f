using UserManagement.Contracts.Users;

namespace UserManagement.Tests.Users;

public sealed class EmailAddressTests
{
    [Theory]
    [InlineData(" Jane.Doe@Example.COM ", "jane.doe@example.com")]
    [InlineData("td@example.com.", "td@example.com")]
    [InlineData("idn@Bücher.de", "idn@xn--bcher-kva.de")]
    [InlineData("ｆｗ@ｅｘａｍｐｌｅ.com", "fw@example.com")]
    [InlineData("x@example。com", "x@example.com")]
    [InlineData("иван@пример.рф", "иван@xn--e1afmkfd.xn--p1ai")]
    [InlineData("cafe\u0301@example.com", "caf\u00e9@example.com")]
    public void The_canonical_form_is_what_a_mail_system_delivers_to(string address, string canonical)
    {
        Assert.True(EmailAddress.TryCanonicalize(address, out var result));
        Assert.Equal(canonical, result);
    }

    [Fact]
    public void Canonicalising_a_canonical_address_changes_nothing()
    {
        foreach (var address in new[] { "jane.doe@example.com", "idn@xn--bcher-kva.de", "иван@xn--e1afmkfd.xn--p1ai", "a/b+c@example.com" })
        {
            Assert.Equal(address, EmailAddress.Normalize(address));
        }
    }

    [Theory]
    [InlineData("admin@serverless-sample.com", "admin@serverless-sample.com", true)]
    [InlineData("\u0430dmin@serverless-sample.com", "admin@serverless-sample.com", true)]
    [InlineData("adrnin@serverless-sample.com", "admin@serverless-sample.com", true)]
    [InlineData("admin+x@serverless-sample.com", "admin@serverless-sample.com", true)]
    [InlineData("admin@serverless-sample.corn", "admin@serverless-sample.com", true)]
    [InlineData("admin2@serverless-sample.com", "admin@serverless-sample.com", false)]
    [InlineData("admin@serverless-sample.org", "admin@serverless-sample.com", false)]
    public void Look_alikes_are_told_by_their_skeletons(string one, string other, bool alike) =>
        Assert.Equal(alike, EmailAddress.LooksLike(one, other));
}
