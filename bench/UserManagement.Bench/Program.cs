using UserManagement.Bench;
using UserManagement.Bench.Scenarios;

IBenchmarkScenario[] scenarios = [new StorageWriteScenario()];

if (args.Length == 0 || scenarios.FirstOrDefault(s => s.Name == args[0]) is not { } scenario)
{
    Console.WriteLine("usage: dotnet run -c Release --project bench/UserManagement.Bench -- SCENARIO [--rounds N] [--warm-up N] [--operations N] [--concurrency N]");
    foreach (var known in scenarios)
    {
        Console.WriteLine($"  {known.Name,-10} {known.Description}");
    }

    return args.Length == 0 ? 0 : 2;
}

var settings = BenchmarkSettings.Parse(args[1..]);
using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};

Console.WriteLine($"scenario {scenario.Name}: {scenario.Description}");
Console.WriteLine($"machine  {MachineDescription.Describe()}");
Console.WriteLine($"settings {settings}");
await scenario.RunAsync(settings, cancellation.Token);
return 0;
