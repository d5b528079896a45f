using UserManagement.Bench;
using UserManagement.Bench.Reporting;
using UserManagement.Bench.Scenarios;

IBenchmarkScenario[] scenarios =
[
    new GetUserScenario(),
    new LoginScenario(),
    new RegisterScenario(),
    new StorageWriteScenario(),
    new MemoryScenario(),
    new IngestScenario(),
];

var chosen = args.Length == 0 ? [] : args[0] == "all" ? scenarios : scenarios.Where(s => s.Name == args[0]).ToArray();
if (chosen.Length == 0)
{
    Console.WriteLine("usage: dotnet run -c Release --project bench/UserManagement.Bench -- SCENARIO|all [--rounds N] [--warm-up N] [--operations N] [--concurrency N]");
    foreach (var known in scenarios)
    {
        Console.WriteLine($"  {known.Name,-10} {known.Description}");
    }

    return args.Length == 0 ? 0 : 2;
}

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};

var machine = MachineDescription.Describe();
Console.WriteLine($"machine  {machine}");
var results = new List<ScenarioResult>();
var settingsUsed = new List<string>();
foreach (var scenario in chosen)
{
    var settings = BenchmarkSettings.Parse(args[1..], scenario.Defaults);
    Console.WriteLine();
    Console.WriteLine($"scenario {scenario.Name}: {scenario.Description}");
    Console.WriteLine($"settings {settings}");
    results.Add(await scenario.RunAsync(settings, cancellation.Token));
    settingsUsed.Add($"`{scenario.Name}` {settings.Rounds} rounds after {settings.WarmUpRounds} warm-up, {settings.OperationsPerRound} operations a round, {settings.Concurrency} workers");
}

var folder = RepositoryRoot.Below("bench", "results");
Directory.CreateDirectory(folder);
var chart = $"{args[0]}.png";
RatioChart.Save(results, Path.Combine(folder, chart));
var report = MarkdownReport.Render(results, machine, string.Join("; ", settingsUsed), chart);
await File.WriteAllTextAsync(Path.Combine(folder, $"{args[0]}.md"), report);
Console.WriteLine();
Console.WriteLine(report);
Console.WriteLine($"written  {Path.Combine(folder, $"{args[0]}.md")} and {chart}");
return 0;
