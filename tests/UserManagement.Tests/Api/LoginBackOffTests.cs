using System.Net;
using UserManagement.Tests.Builders;
using UserManagement.Tests.Infrastructure;

namespace UserManagement.Tests.Api;

[Collection(UserClusterCollection.Name)]
public sealed class LoginBackOffTests : IDisposable
{
    private const string WrongPassword = "not the right password";

    private readonly GatewayFactory _secondGateway;

    /// <summary>Two gateways: the back-off lives in the user's grain, not in a gateway's memory.</summary>
    private readonly GatewayClient[] _gateways;

    public LoginBackOffTests(UserClusterFixture fixture)
    {
        _secondGateway = new GatewayFactory(fixture);
        _gateways = [new(fixture.Gateway.CreateClient()), new(_secondGateway.CreateClient())];
    }

    public void Dispose() => _secondGateway.Dispose();

    [Fact]
    public async Task Six_wrong_passwords_across_two_gateways_hold_back_even_the_right_one_until_the_back_off_passes()
    {
        var registration = A.Registration();
        await _gateways[0].RegisterUser(registration);

        var statuses = await FailLogins(registration.EmailAddress, TestSettings.FreeLoginAttempts + 1);
        using var rightTooSoon = await _gateways[1].Login(registration.EmailAddress, registration.Password);

        Assert.All(statuses.Take(TestSettings.FreeLoginAttempts), s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        Assert.Equal(HttpStatusCode.TooManyRequests, rightTooSoon.StatusCode);
        Assert.True(rightTooSoon.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal(HttpStatusCode.OK, await LoginOnceTheBackOffPasses(registration.EmailAddress, registration.Password));
    }

    [Fact]
    public async Task A_successful_login_resets_the_count_of_failures()
    {
        var registration = A.Registration();
        await _gateways[0].RegisterUser(registration);
        await FailLogins(registration.EmailAddress, TestSettings.FreeLoginAttempts);
        Assert.Equal(HttpStatusCode.OK, await LoginOnceTheBackOffPasses(registration.EmailAddress, registration.Password));

        var afterReset = await FailLogins(registration.EmailAddress, TestSettings.FreeLoginAttempts);

        Assert.All(afterReset, s => Assert.Equal(HttpStatusCode.Unauthorized, s));
    }

    [Fact]
    public async Task An_unknown_address_sees_the_same_answers_as_a_real_account()
    {
        var registration = A.Registration();
        await _gateways[0].RegisterUser(registration);
        var unknown = $"nobody-{Guid.NewGuid():N}@example.com";

        var real = await Task.WhenAll(
            FailLogins(registration.EmailAddress, TestSettings.FreeLoginAttempts + 2),
            FailLogins(unknown, TestSettings.FreeLoginAttempts + 2));

        Assert.Equal(real[0], real[1]);
        Assert.Contains(HttpStatusCode.TooManyRequests, real[1]);
    }

    private async Task<HttpStatusCode[]> FailLogins(string emailAddress, int attempts)
    {
        var statuses = new HttpStatusCode[attempts];
        for (var attempt = 0; attempt < attempts; attempt++)
        {
            using var response = await _gateways[attempt % 2].Login(emailAddress, WrongPassword);
            statuses[attempt] = response.StatusCode;
        }

        return statuses;
    }

    private async Task<HttpStatusCode> LoginOnceTheBackOffPasses(string emailAddress, string password)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            using var response = await _gateways[0].Login(emailAddress, password);
            if (response.StatusCode != HttpStatusCode.TooManyRequests || DateTime.UtcNow > deadline)
            {
                return response.StatusCode;
            }

            await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1));
        }
    }
}
