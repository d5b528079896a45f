using UserManagement.Bench.Hosting;
using UserManagement.Bench.Load;
using UserManagement.Bench.Reporting;

namespace UserManagement.Bench.Scenarios;

/// <summary>
/// <c>GET /user/{id}</c> with a valid token, the user's grain active, against an endpoint of the same gateway process
/// that answers a constant body of the same size: what token validation, the grain call and the answer's
/// serialization add to what the host costs anyway.
/// </summary>
public sealed class GetUserScenario : IBenchmarkScenario
{
    private const string BaselineName = "bare endpoint, same body";
    private const string BaselineApiPath = "/benchmark/baseline/user";
    private const string BaselineWithTokenPath = "/benchmark/baseline/user-with-token";

    public string Name => "get-user";

    public string Description => "GET /user/{id} with a token, grain active, vs a bare endpoint with a constant body of the same size";

    public BenchmarkSettings Defaults => BenchmarkSettings.Default with { OperationsPerRound = 4000, Concurrency = 16 };

    public async Task<ScenarioResult> RunAsync(BenchmarkSettings settings, CancellationToken cancellationToken)
    {
        await using var service = await ServiceUnderTest.StartAsync(cancellationToken);
        using var calls = new GatewayCalls(service.GatewayUrl, settings.Concurrency);

        // A user and a token per worker, each grain activated by the first read.
        var users = new List<(string Id, string Token)>();
        for (var worker = 0; worker < settings.Concurrency; worker++)
        {
            var email = calls.NewEmailAddress();
            var id = await calls.Register(email);
            users.Add((id, await calls.LogIn(email)));
        }

        var userBytes = await calls.Get($"/user/{users[0].Id}", users[0].Token);
        var baselineBytes = await calls.Get(BaselineApiPath);
        Console.WriteLine($"bodies   GET /user/{{id}} {userBytes} bytes, baseline {baselineBytes} bytes");

        var getUser = new Contender("GET /user/{id}", (worker, _) => calls.Get($"/user/{users[worker].Id}", users[worker].Token));
        var bare = new Contender(BaselineName, (_, _) => calls.Get(BaselineApiPath));
        var withToken = new Contender("bare endpoint, token validated", (worker, _) => calls.Get(BaselineWithTokenPath, users[worker].Token));
        var result = await new InterleavedComparison(settings, "requests/s", service.CpuProbes).RunAsync([getUser, bare, withToken], cancellationToken);
        result.Print();
        return new ScenarioResult(
            Name,
            Description,
            result.Summaries(),
            [
                new MeasuredRatio(
                    "GET /user/{id} / bare endpoint", result.RatioOfFirstTo(1), 0.5, TargetIsMinimum: true,
                    "share of the host's own request rate left after token validation, the grain call and serializing the user"),
                new MeasuredRatio(
                    "GET /user/{id} / bare endpoint with token", result.RatioOfFirstTo(2), 0.5, TargetIsMinimum: true,
                    "the same against a bare endpoint that validates the token too: what the grain call alone costs"),
            ],
            [$"bodies of {userBytes} and {baselineBytes} bytes; {settings.Concurrency} workers with a user and token each; gateway, silo, dynalite and the load generator share the machine"]);
    }
}
