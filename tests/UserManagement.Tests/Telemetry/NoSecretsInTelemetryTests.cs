using System.Diagnostics;
using UserManagement.Tests.Builders;
using UserManagement.Tests.Infrastructure;

namespace UserManagement.Tests.Telemetry;

[Collection(UserClusterCollection.Name)]
public sealed class NoSecretsInTelemetryTests(UserClusterFixture fixture)
{
    private readonly GatewayClient _gateway = new(fixture.Gateway.CreateClient());

    [Fact]
    public async Task No_span_or_log_line_holds_a_password_its_hash_or_a_token()
    {
        CapturedTelemetry.Start();
        var registration = A.Registration().WithPassword($"distinctive secret {Guid.NewGuid():N}");
        var userId = await _gateway.RegisterUser(registration);
        using var wrong = await _gateway.Login(registration.EmailAddress, "distinctive wrong guess");
        var token = await _gateway.TokenFor(registration.EmailAddress, registration.Password);
        using var read = await _gateway.GetUser(userId, token);
        using var refused = await _gateway.GetUser(userId, token + "tampered");
        read.EnsureSuccessStatusCode();

        var spanText = string.Join('\n', CapturedTelemetry.Spans.Select(Describe));
        var logText = string.Join('\n', CapturedTelemetry.Logs.Lines);

        Assert.Contains(userId, spanText, StringComparison.Ordinal);
        foreach (var secret in new[] { registration.Password, "distinctive wrong guess", token, token.Split('.')[2] })
        {
            Assert.DoesNotContain(secret, spanText, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, logText, StringComparison.Ordinal);
        }

        Assert.DoesNotMatch(SecretPatterns.PasswordHash(), spanText);
        Assert.DoesNotMatch(SecretPatterns.PasswordHash(), logText);
    }

    private static string Describe(Activity span) =>
        $"{span.DisplayName} {span.StatusDescription} "
        + string.Join(' ', span.TagObjects.Select(t => $"{t.Key}={t.Value}"))
        + string.Join(' ', span.Events.SelectMany(e => e.Tags.Select(t => $"{e.Name} {t.Key}={t.Value}")));
}
