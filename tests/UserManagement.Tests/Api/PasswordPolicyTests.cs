using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using UserManagement.Contracts.Users;
using UserManagement.Tests.Builders;
using UserManagement.Tests.Infrastructure;

namespace UserManagement.Tests.Api;

[Collection(UserClusterCollection.Name)]
public sealed class PasswordPolicyTests(UserClusterFixture fixture)
{
    private readonly GatewayClient _gateway = new(fixture.Gateway.CreateClient());

    [Theory]
    [InlineData("qwerty1234")]
    [InlineData("letmein123")]
    [InlineData("Summer2024")]
    [InlineData("Summer2024!")]
    [InlineData("michael1985!")]
    [InlineData("PASSWORD123")]
    [InlineData("ｐａｓｓｗｏｒｄ１２３")]
    [InlineData("        ")]
    [InlineData("aaaaaaaaaaaa")]
    [InlineData("21081990")]
    [InlineData("dimazarya")]
    [InlineData("iloveyou!!")]
    public async Task Common_passwords_and_common_ones_with_digits_or_symbols_added_are_refused(string password)
    {
        var registration = A.Registration().WithPassword(password);

        using var response = await _gateway.Register(registration);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(["password"], problem["errors"]!.AsObject().Select(p => p.Key));
        Assert.Null(await fixture.Grains.GetUserByEmailAddress(registration.EmailAddress).GetDetails());
    }

    [Theory]
    [InlineData("correct horse battery")]
    [InlineData("Tr0ub4dor&3")]
    [InlineData("café au lait at nine")]
    [InlineData("2024 was a long summer")]
    public async Task Uncommon_passwords_are_taken(string password)
    {
        using var response = await _gateway.Register(A.Registration().WithPassword(password));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_password_typed_composed_or_decomposed_is_one_password()
    {
        const string composed = "caf\u00e9 au lait at nine";
        var decomposed = composed.Normalize(NormalizationForm.FormD);
        var composedOwner = A.Registration().WithPassword(composed);
        var decomposedOwner = A.Registration().WithPassword(decomposed);
        await _gateway.RegisterUser(composedOwner);
        await _gateway.RegisterUser(decomposedOwner);

        using var composedWithDecomposed = await _gateway.Login(composedOwner.EmailAddress, decomposed);
        using var decomposedWithComposed = await _gateway.Login(decomposedOwner.EmailAddress, composed);

        Assert.Equal(HttpStatusCode.OK, composedWithDecomposed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, decomposedWithComposed.StatusCode);
    }

    [Fact]
    public async Task Compatibility_forms_stay_distinct_characters()
    {
        var owner = A.Registration().WithPassword("ｆｕｌｌｗｉｄｔｈ passphrase");
        await _gateway.RegisterUser(owner);

        using var halfwidth = await _gateway.Login(owner.EmailAddress, "fullwidth passphrase");

        Assert.Equal(HttpStatusCode.Unauthorized, halfwidth.StatusCode);
    }
}
