using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using UserManagement.Contracts.Users;
using UserManagement.Tests.Builders;
using UserManagement.Tests.Infrastructure;

namespace UserManagement.Tests.Api;

/// <summary>
/// Spellings a mail system delivers to one mailbox are one account; addresses that hide what they are, or pass for
/// the administrator's, are not taken at all.
/// </summary>
[Collection(UserClusterCollection.Name)]
public sealed class OneAccountPerMailboxTests(UserClusterFixture fixture)
{
    private readonly GatewayClient _gateway = new(fixture.Gateway.CreateClient());

    [Theory]
    [InlineData("td-{id}@example.com", "td-{id}@example.com.")]
    [InlineData("idn-{id}@bücher.de", "idn-{id}@xn--bcher-kva.de")]
    [InlineData("idn-{id}@xn--bcher-kva.de", "IDN-{id}@BÜCHER.DE.")]
    [InlineData("fw-{id}@example.com", "{fullwidth}@ｅｘａｍｐｌｅ.com")]
    [InlineData("dot-{id}@example.com", "dot-{id}@example。com")]
    [InlineData("fi-{id}@example.com", "\uFB01-{id}@example.com")]
    public async Task Two_spellings_of_one_mailbox_are_one_account(string first, string second)
    {
        var id = Guid.NewGuid().ToString("N");
        var original = A.Registration().WithEmailAddress(Spell(first, id)).WithPassword("the original password");
        var userId = await _gateway.RegisterUser(original);

        using var again = await _gateway.Register(A.Registration().WithEmailAddress(Spell(second, id)).WithPassword("an attacker's password"));
        var token = await _gateway.TokenFor(Spell(second, id), "the original password");
        using var read = await _gateway.GetUser(Spell(second, id), token);

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(userId, (await read.Content.ReadFromJsonAsync<JsonObject>())!["data"]!["userId"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_address_is_kept_and_answered_in_its_canonical_form()
    {
        var id = Guid.NewGuid().ToString("N");

        using var response = await _gateway.Register(A.Registration().WithEmailAddress($" Ｊane.{id}@Bücher.DE. "));

        var user = (await response.Content.ReadFromJsonAsync<JsonObject>())!["data"]!;
        Assert.Equal($"jane.{id}@xn--bcher-kva.de", user["emailAddress"]!.GetValue<string>());
        Assert.Equal(UserKey.FromEmailAddress($"jane.{id}@xn--bcher-kva.de"), user["userId"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("\"john doe\"@example.com")]
    [InlineData("\"john\"@example.com")]
    [InlineData("john(comment)@example.com")]
    [InlineData("(comment)john@example.com")]
    [InlineData("john\\@doe@example.com")]
    [InlineData("john..doe@example.com")]
    [InlineData(".john@example.com")]
    [InlineData("john.@example.com")]
    [InlineData("john@[127.0.0.1]")]
    [InlineData("john@ex_ample.com")]
    [InlineData("john@localhost")]
    [InlineData("jo\u200Bhn@example.com")]
    [InlineData("\uFEFFjohn@example.com")]
    [InlineData("john\u202E@example.com")]
    [InlineData("\u202Emoc.elpmaxe@nhoj")]
    [InlineData("john\u2066@example.com")]
    [InlineData("john\u200E@example.com")]
    [InlineData("jo\u00ADhn@example.com")]
    [InlineData("jo\u2060hn@example.com")]
    [InlineData("jo\u034Fhn@example.com")]
    [InlineData("john@exa\u200Dmple.com")]
    [InlineData("p\u0430ypal@example.com")]
    [InlineData("john@p\u0430ypal.com")]
    [InlineData("\u0430dmin@serverless-sample.com")]
    [InlineData("jo\u0578n@example.com")]
    public async Task Addresses_that_are_not_plain_visible_dot_atoms_in_one_script_are_refused(string address)
    {
        using var response = await _gateway.Register(A.Registration().WithEmailAddress(address));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(["email_address"], problem["errors"]!.AsObject().Select(p => p.Key));
    }

    [Fact]
    public async Task A_tag_character_hidden_in_an_address_is_refused()
    {
        using var response = await _gateway.Register(A.Registration().WithEmailAddress($"john{char.ConvertFromUtf32(0xE0061)}@example.com"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("иван.{id}@пример.рф")]
    [InlineData("josé.garcía.{id}@example.es")]
    [InlineData("o'brien+orders.{id}@shop.example.co.uk")]
    [InlineData("用户{id}@例子.广告")]
    public async Task Addresses_in_one_script_or_with_plain_specials_are_taken(string address)
    {
        // Digits only: they belong to every script, where the letters of an id would mix Latin into the address.
        var id = Random.Shared.Next(1_000_000, 10_000_000).ToString(System.Globalization.CultureInfo.InvariantCulture);

        using var response = await _gateway.Register(A.Registration().WithEmailAddress(address.Replace("{id}", id, StringComparison.Ordinal)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData(TestSettings.AdminEmailAddress)]
    [InlineData("ADMIN@Serverless-Sample.com")]
    [InlineData("admin@serverless-sample.com.")]
    [InlineData("ａｄｍｉｎ@serverless-sample.com")]
    [InlineData("admin+support@serverless-sample.com")]
    [InlineData("adrnin@serverless-sample.com")]
    [InlineData("admin@serverless-sample.corn")]
    public async Task The_administrators_address_and_its_look_alikes_cannot_be_registered(string address)
    {
        using var response = await _gateway.Register(A.Registration().WithEmailAddress(address));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadAsStringAsync();
        Assert.Contains("\"email_address\"", problem, StringComparison.Ordinal);
        Assert.DoesNotContain("admin", problem, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("exists", problem, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_administrator_still_logs_in_and_other_admin_like_names_register()
    {
        using var administrator = await _gateway.Login(TestSettings.AdminEmailAddress, TestSettings.AdminPassword);
        using var other = await _gateway.Register(A.Registration().WithEmailAddress($"admin.team.{Guid.NewGuid():N}@serverless-sample.com"));

        Assert.Equal(HttpStatusCode.OK, administrator.StatusCode);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task An_address_with_a_slash_is_readable_by_its_owner()
    {
        var owner = A.Registration().WithEmailAddress($"a/b.{Guid.NewGuid():N}@example.com");
        var userId = await _gateway.RegisterUser(owner);

        using var response = await _gateway.GetUser(owner.EmailAddress, await _gateway.TokenFor(owner.EmailAddress, owner.Password));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(userId, (await response.Content.ReadFromJsonAsync<JsonObject>())!["data"]!["userId"]!.GetValue<string>());
    }

    /// <summary>Through Kestrel, whose raw request target tells <c>/</c> (sent as <c>%2F</c>) from <c>%2F</c> (sent as <c>%252F</c>).</summary>
    [Fact]
    public async Task Through_the_real_server_a_slash_is_not_confused_with_the_text_percent_2F()
    {
        using var factory = new GatewayFactory(fixture);
        factory.UseKestrel(0);
        var gateway = new GatewayClient(factory.CreateClient());
        var id = Guid.NewGuid().ToString("N");
        var slash = A.Registration().WithEmailAddress($"a/b.{id}@example.com");
        var percent = A.Registration().WithEmailAddress($"a%2Fb.{id}@example.com");
        var slashId = await gateway.RegisterUser(slash);
        var percentId = await gateway.RegisterUser(percent);

        using var bySlash = await gateway.GetUser(slash.EmailAddress, await gateway.TokenFor(slash.EmailAddress, slash.Password));
        using var byPercent = await gateway.GetUser(percent.EmailAddress, await gateway.TokenFor(percent.EmailAddress, percent.Password));

        Assert.NotEqual(slashId, percentId);
        Assert.Equal(slashId, (await bySlash.Content.ReadFromJsonAsync<JsonObject>())!["data"]!["userId"]!.GetValue<string>());
        Assert.Equal(percentId, (await byPercent.Content.ReadFromJsonAsync<JsonObject>())!["data"]!["userId"]!.GetValue<string>());
    }

    /// <summary>Fills in the unique part; <c>{fullwidth}</c> is <c>fw-{id}</c> in fullwidth forms.</summary>
    private static string Spell(string template, string id) => template
        .Replace("{fullwidth}", new string($"fw-{id}".Select(c => (char)(c + 0xFEE0)).ToArray()), StringComparison.Ordinal)
        .Replace("{id}", id, StringComparison.Ordinal);
}
