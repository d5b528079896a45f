using UserManagement.Contracts.Users;
using UserManagement.Grains.Users;
using UserManagement.Tests.Builders;
using UserManagement.Tests.Infrastructure;

namespace UserManagement.Tests.Grains;

[Collection(UserClusterCollection.Name)]
public sealed class UserGrainTests(UserClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Grains;

    [Fact]
    public async Task Register_creates_a_standard_user_with_the_id_derived_from_the_email_address()
    {
        var registration = A.Registration().WithFirstName("Ada").WithLastName("Lovelace").Build();

        var result = await Grains.GetUserByEmailAddress(registration.EmailAddress).Register(registration);

        var user = Assert.IsType<UserDetails>(result.User);
        Assert.Equal(UserKey.FromEmailAddress(registration.EmailAddress), user.UserId);
        Assert.Equal(registration.EmailAddress, user.EmailAddress);
        Assert.Equal(("Ada", "Lovelace"), (user.FirstName, user.LastName));
        Assert.Equal((0, UserTier.Standard), (user.OrderCount, user.Tier));
    }

    [Fact]
    public async Task A_second_registration_of_the_address_is_refused_and_changes_nothing()
    {
        var first = A.Registration().WithFirstName("First").WithPassword("the first password");
        var second = A.Registration().WithEmailAddress(first.EmailAddress).WithFirstName("Second").WithPassword("the second password");
        var grain = Grains.GetUserByEmailAddress(first.EmailAddress);
        await grain.Register(first.Build());

        var result = await grain.Register(second.Build());

        Assert.Null(result.User);
        Assert.Equal("First", (await grain.GetDetails())!.FirstName);
        Assert.Equal(LoginOutcome.Succeeded, (await grain.LogIn(new Password("the first password"))).Outcome);
        Assert.Equal(LoginOutcome.InvalidCredentials, (await grain.LogIn(new Password("the second password"))).Outcome);
    }

    [Fact]
    public async Task The_email_address_is_case_insensitive()
    {
        var localPart = $"Mixed.Case-{Guid.NewGuid():N}";
        var registration = A.Registration().WithEmailAddress($"{localPart}@Example.COM").Build();
        await Grains.GetUserByEmailAddress(registration.EmailAddress).Register(registration);

        var sameUser = Grains.GetUserByEmailAddress($"{localPart.ToUpperInvariant()}@example.com");
        var again = await sameUser.Register(A.Registration()
            .WithEmailAddress($" {localPart.ToLowerInvariant()}@EXAMPLE.com ").WithPassword("someone else's password").Build());

        Assert.Null(again.User);
        var user = await sameUser.GetDetails();
        Assert.Equal($"{localPart.ToLowerInvariant()}@example.com", user!.EmailAddress);
    }

    [Fact]
    public async Task The_user_id_and_the_email_address_resolve_to_the_same_user()
    {
        var registration = A.Registration().Build();
        var created = await Grains.GetUserByEmailAddress(registration.EmailAddress).Register(registration);

        Assert.True(UserKey.TryResolve(registration.EmailAddress.ToUpperInvariant(), out var byEmail));
        Assert.True(UserKey.TryResolve(created.User!.UserId, out var byId));

        Assert.Equal(byId, byEmail);
        Assert.Equal(created.User, await Grains.GetUser(byEmail).GetDetails());
    }

    [Fact]
    public async Task Credentials_are_verified_against_the_stored_hash()
    {
        var registration = A.Registration().WithPassword("a long enough passphrase");
        var grain = Grains.GetUserByEmailAddress(registration.EmailAddress);
        await grain.Register(registration.Build());

        Assert.Equal(LoginOutcome.Succeeded, (await grain.LogIn(new Password("a long enough passphrase"))).Outcome);
        Assert.Equal(LoginOutcome.InvalidCredentials, (await grain.LogIn(new Password("A long enough passphrase"))).Outcome);
        Assert.Equal(LoginOutcome.InvalidCredentials, (await grain.LogIn(new Password(""))).Outcome);
    }

    [Fact]
    public async Task An_unknown_user_has_no_details_and_no_valid_credentials()
    {
        var grain = Grains.GetUserByEmailAddress($"nobody-{Guid.NewGuid():N}@example.com");

        Assert.Null(await grain.GetDetails());
        Assert.Equal(LoginOutcome.InvalidCredentials, (await grain.LogIn(new Password("any password at all"))).Outcome);
    }

    [Fact]
    public async Task Each_completed_order_counts_once_and_the_eleventh_makes_the_user_premium()
    {
        var registration = A.Registration().Build();
        var grain = Grains.GetUserByEmailAddress(registration.EmailAddress);
        await grain.Register(registration);

        var recordings = new List<OrderRecording>();
        for (var order = 1; order <= 11; order++)
        {
            recordings.Add(await grain.RecordCompletedOrder(new CompletedOrder($"order-{order}")));
        }

        Assert.All(recordings, r => Assert.Equal(OrderRecordingOutcome.Counted, r.Outcome));
        Assert.Equal(UserTier.Standard, recordings[9].Tier);
        Assert.Equal((11, UserTier.Premium), (recordings[10].OrderCount, recordings[10].Tier));
        Assert.Equal(UserTier.Premium, (await grain.GetDetails())!.Tier);
    }

    [Fact]
    public async Task A_redelivered_order_is_not_counted_again()
    {
        var registration = A.Registration().Build();
        var grain = Grains.GetUserByEmailAddress(registration.EmailAddress);
        await grain.Register(registration);

        await grain.RecordCompletedOrder(new CompletedOrder("ORD123"));
        var again = await grain.RecordCompletedOrder(new CompletedOrder("ORD123"));

        Assert.Equal(OrderRecordingOutcome.AlreadyCounted, again.Outcome);
        Assert.Equal(1, (await grain.GetDetails())!.OrderCount);
    }

    [Fact]
    public async Task An_order_for_an_unknown_user_changes_nothing()
    {
        var grain = Grains.GetUserByEmailAddress($"nobody-{Guid.NewGuid():N}@example.com");

        var recording = await grain.RecordCompletedOrder(new CompletedOrder("ORD1"));

        Assert.Equal(OrderRecordingOutcome.UnknownUser, recording.Outcome);
        Assert.Null(await grain.GetDetails());
    }

    [Fact]
    public async Task The_configured_administrator_is_seeded_with_the_admin_tier()
    {
        var admin = Grains.GetUserByEmailAddress(TestSettings.AdminEmailAddress);

        var login = await admin.LogIn(new Password(TestSettings.AdminPassword));

        Assert.Equal(UserTier.Admin, login.User!.Tier);
    }

    [Fact]
    public async Task Seeding_the_administrator_again_changes_nothing()
    {
        var admin = Grains.GetUserByEmailAddress(TestSettings.AdminEmailAddress);
        var before = await admin.GetDetails();

        var again = await Grains.GetGrain<IAdministratorAccountGrain>(UserKey.FromEmailAddress(TestSettings.AdminEmailAddress)).RegisterAdministrator(
            A.Registration().WithEmailAddress(TestSettings.AdminEmailAddress).WithPassword("another admin password").Build());

        Assert.Null(again.User);
        Assert.Equal(before, await admin.GetDetails());
        Assert.Equal(LoginOutcome.Succeeded, (await admin.LogIn(new Password(TestSettings.AdminPassword))).Outcome);
    }

    [Fact]
    public async Task A_registration_sent_to_another_users_grain_is_refused()
    {
        var registration = A.Registration().Build();
        var someoneElse = Grains.GetUserByEmailAddress($"other-{Guid.NewGuid():N}@example.com");

        await Assert.ThrowsAsync<ArgumentException>(() => someoneElse.Register(registration));
        Assert.Null(await someoneElse.GetDetails());
    }

    [Fact]
    public async Task Concurrent_registrations_of_one_address_create_exactly_one_user()
    {
        var email = $"race-{Guid.NewGuid():N}@example.com";

        var results = await Task.WhenAll(Enumerable.Range(0, 100).Select(attempt =>
            Grains.GetUserByEmailAddress(email).Register(
                A.Registration().WithEmailAddress(email).WithPassword($"password number {attempt}").Build())));

        var winner = Assert.Single(results, r => r.User is not null);
        Assert.NotNull(winner.User);
    }
}
