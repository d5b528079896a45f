using Microsoft.Extensions.Options;
using UserManagement.Bench.Hosting;
using UserManagement.Bench.Load;
using UserManagement.Bench.Reporting;
using UserManagement.Contracts.Passwords;
using UserManagement.Contracts.Users;
using UserManagement.Grains.Passwords;

namespace UserManagement.Bench.Scenarios;

/// <summary>
/// <c>POST /login</c> with correct passwords against bare Argon2id verifications through the same hasher with the same
/// parameters and concurrency: what the gateway, the grain call and issuing the token add to the hash, which is the
/// whole point of the call. Each worker logs in as its own user with the right password, so the per-account back-off
/// never starts; the gateway's rate limit is lifted by its settings.
/// </summary>
public sealed class LoginScenario : IBenchmarkScenario
{
    public string Name => "login";

    public string Description => "POST /login vs raw Argon2id verifications, same parameters, same concurrency";

    public BenchmarkSettings Defaults => BenchmarkSettings.Default with { WarmUpRounds = 2, OperationsPerRound = 48 };

    public async Task<ScenarioResult> RunAsync(BenchmarkSettings settings, CancellationToken cancellationToken)
    {
        await using var service = await ServiceUnderTest.StartAsync(cancellationToken);
        using var calls = new GatewayCalls(service.GatewayUrl, settings.Concurrency);
        var emails = new List<string>();
        for (var worker = 0; worker < settings.Concurrency; worker++)
        {
            emails.Add(calls.NewEmailAddress());
            await calls.Register(emails[^1]);
        }

        // The silo's defaults: m = 19 MiB, t = 2, p = 1, as many hashes at once as there are cores.
        using var hasher = new Argon2idPasswordHasher(Options.Create(new PasswordHashingOptions()));
        var password = new Password(GatewayCalls.Password);
        var hashes = new List<string>();
        for (var worker = 0; worker < settings.Concurrency; worker++)
        {
            hashes.Add(await hasher.Hash(password, cancellationToken));
        }

        var login = new Contender("POST /login", (worker, _) => calls.LogIn(emails[worker]));
        var raw = new Contender("Argon2id verify", async (worker, _) =>
        {
            if (!await hasher.Verify(hashes[worker], password, cancellationToken))
            {
                throw new InvalidOperationException("The password did not verify.");
            }
        });
        var result = await new InterleavedComparison(settings, "log-ins/s", service.CpuProbes).RunAsync([login, raw], cancellationToken);
        result.Print();
        return new ScenarioResult(
            Name,
            Description,
            result.Summaries(),
            [
                new MeasuredRatio(
                    "POST /login / Argon2id verify", result.RatioOfFirstTo(1), 0.9, TargetIsMinimum: true,
                    "share of the machine's password-verification rate that reaches clients as tokens"),
            ],
            [$"{settings.Concurrency} workers, each its own user with the right password; the raw verifications run in the bench's process on the same cores"]);
    }
}
