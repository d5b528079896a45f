using UserManagement.Bench.Hosting;
using UserManagement.Bench.Load;
using UserManagement.Bench.Reporting;

namespace UserManagement.Bench.Scenarios;

/// <summary>
/// <c>GET /user/{id}</c> with a valid token, the user's grain active, against an endpoint of the same process that
/// answers a constant body of the same size (with and without token validation): what token validation, the grain
/// call and the answer's serialization add to what the host costs anyway; co-hosted, and split for comparison.
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
        // Both topologies side by side, measured in the same interleaved rounds: the co-hosted one (the default) and the
        // split one, whose gateway reaches the silo over the Orleans client, so the cost of that hop stays visible.
        await using var coHosted = await ServiceUnderTest.StartAsync(cancellationToken, coHosted: true);
        await using var split = await ServiceUnderTest.StartAsync(cancellationToken, coHosted: false);
        using var coHostedCalls = new GatewayCalls(coHosted.GatewayUrl, settings.Concurrency);
        using var splitCalls = new GatewayCalls(split.GatewayUrl, settings.Concurrency);
        var coHostedUsers = await UsersAsync(coHostedCalls, settings.Concurrency);
        var splitUsers = await UsersAsync(splitCalls, settings.Concurrency);

        var userBytes = await coHostedCalls.Get($"/user/{coHostedUsers[0].Id}", coHostedUsers[0].Token);
        var baselineBytes = await coHostedCalls.Get(BaselineApiPath);
        Console.WriteLine($"bodies   GET /user/{{id}} {userBytes} bytes, baseline {baselineBytes} bytes");

        var probes = new[] { CpuProbe.ThisProcess }.Concat(coHosted.ServiceCpuProbes).Concat(split.ServiceCpuProbes).ToList();
        var result = await new InterleavedComparison(settings, "requests/s", probes).RunAsync(
            [
                .. Contenders("co-hosted", coHostedCalls, coHostedUsers),
                .. Contenders("split", splitCalls, splitUsers),
            ],
            cancellationToken);
        result.Print();
        return new ScenarioResult(
            Name,
            Description,
            result.Summaries(),
            [
                new MeasuredRatio(
                    "GET /user/{id} / bare endpoint (co-hosted)", result.RatioOf(0, 1), 0.6, TargetIsMinimum: true,
                    "share of the host's own request rate left after token validation, the grain call and serializing the user"),
                new MeasuredRatio(
                    "GET /user/{id} / bare endpoint with token (co-hosted)", result.RatioOf(0, 2), 0.9, TargetIsMinimum: true,
                    "the same against a bare endpoint that validates the token too: what the grain call alone costs"),
                new MeasuredRatio(
                    "GET /user/{id} / bare endpoint (split)", result.RatioOf(3, 4), 0.6, TargetIsMinimum: true,
                    "the split topology: the gateway calls the silo over the Orleans client (loopback TCP)"),
                new MeasuredRatio(
                    "GET /user/{id} / bare endpoint with token (split)", result.RatioOf(3, 5), 0.9, TargetIsMinimum: true,
                    "the split topology against its own bare endpoint behind token validation"),
                new MeasuredRatio(
                    "GET /user/{id}, split / co-hosted", result.RatioOf(3, 0), 1.0, TargetIsMinimum: true,
                    "what the hop from gateway to silo costs: the split topology's rate against the co-hosted one's"),
            ],
            [$"bodies of {userBytes} and {baselineBytes} bytes; {settings.Concurrency} workers with a user and token each; both topologies' processes, dynalite and the load generator share the machine"]);
    }

    /// <summary>A user and a token per worker, each grain activated by the first read.</summary>
    private static async Task<List<(string Id, string Token)>> UsersAsync(GatewayCalls calls, int workers)
    {
        var users = new List<(string Id, string Token)>();
        for (var worker = 0; worker < workers; worker++)
        {
            var email = calls.NewEmailAddress();
            var id = await calls.Register(email);
            users.Add((id, await calls.LogIn(email)));
        }

        return users;
    }

    private static Contender[] Contenders(string topology, GatewayCalls calls, List<(string Id, string Token)> users) =>
    [
        new($"GET /user/{{id}}, {topology}", (worker, _) => calls.Get($"/user/{users[worker].Id}", users[worker].Token)),
        new($"{BaselineName}, {topology}", (_, _) => calls.Get(BaselineApiPath)),
        new($"bare endpoint, token validated, {topology}", (worker, _) => calls.Get(BaselineWithTokenPath, users[worker].Token)),
    ];
}
