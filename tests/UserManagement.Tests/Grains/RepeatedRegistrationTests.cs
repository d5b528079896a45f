using UserManagement.Contracts.Users;
using UserManagement.Tests.Builders;
using UserManagement.Tests.Infrastructure;

namespace UserManagement.Tests.Grains;

/// <summary>
/// A client that never got the answer to its registration sends it again: the same address, names and password are
/// its own account and answer the user; anything else is refused as a taken address, and guessing a password this way
/// is throttled as log-ins are.
/// </summary>
[Collection(UserClusterCollection.Name)]
public sealed class RepeatedRegistrationTests(UserClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Grains;

    [Fact]
    public async Task The_same_registration_again_answers_the_user_it_created()
    {
        var registration = A.Registration().WithFirstName("Ada").WithLastName("Lovelace");
        var grain = Grains.GetUserByEmailAddress(registration.EmailAddress);
        var first = await grain.Register(registration.Build());

        var again = await grain.Register(registration.Build());

        Assert.NotNull(again.User);
        Assert.Equal(first.User, again.User);
    }

    [Fact]
    public async Task The_same_registration_with_the_address_spelled_differently_answers_the_user()
    {
        var localPart = $"Repeat-{Guid.NewGuid():N}";
        var registration = A.Registration().WithEmailAddress($"{localPart}@example.com");
        var first = await Grains.GetUserByEmailAddress(registration.EmailAddress).Register(registration.Build());

        var respelled = registration.WithEmailAddress($" {localPart.ToUpperInvariant()}@EXAMPLE.com ");
        var again = await Grains.GetUserByEmailAddress(respelled.EmailAddress).Register(respelled.Build());

        Assert.Equal(first.User, again.User);
    }

    [Theory]
    [InlineData("another password entirely", "Jane", "Doe")]
    [InlineData("correct horse battery", "Janet", "Doe")]
    [InlineData("correct horse battery", "Jane", "Dough")]
    public async Task A_registration_differing_in_password_or_names_is_refused_and_changes_nothing(
        string password, string firstName, string lastName)
    {
        var original = A.Registration().WithPassword("correct horse battery").WithFirstName("Jane").WithLastName("Doe");
        var grain = Grains.GetUserByEmailAddress(original.EmailAddress);
        var first = await grain.Register(original.Build());

        var other = await grain.Register(A.Registration()
            .WithEmailAddress(original.EmailAddress).WithPassword(password).WithFirstName(firstName).WithLastName(lastName).Build());

        Assert.Equal(RegistrationResult.AlreadyRegistered, other);
        Assert.Equal(first.User, await grain.GetDetails());
        Assert.Equal(LoginOutcome.Succeeded, (await grain.LogIn(new Password("correct horse battery"))).Outcome);
    }

    [Fact]
    public async Task Guessing_the_password_by_registering_counts_as_failed_log_ins_and_is_throttled_alike()
    {
        var original = A.Registration();
        var grain = Grains.GetUserByEmailAddress(original.EmailAddress);
        await grain.Register(original.Build());

        for (var guess = 1; guess <= TestSettings.FreeLoginAttempts; guess++)
        {
            var refused = await grain.Register(
                A.Registration().WithEmailAddress(original.EmailAddress).WithPassword($"guess number {guess}").Build());
            Assert.Equal(RegistrationResult.AlreadyRegistered, refused);
        }

        // The right password no longer gets through either way until the back-off has passed.
        Assert.Equal(RegistrationResult.AlreadyRegistered, await grain.Register(original.Build()));
        Assert.Equal(LoginOutcome.Throttled, (await grain.LogIn(new Password(original.Password))).Outcome);
    }
}
