using System.Diagnostics;
using System.Globalization;

namespace UserManagement.Bench;

/// <summary>
/// Measures contenders in rounds whose order alternates (A B C, C B A, ...), so drift of the machine or the emulator
/// during the run weighs on all alike, after warm-up rounds that are not counted.
/// </summary>
public sealed class InterleavedComparison(BenchmarkSettings settings)
{
    public async Task<ComparisonResult> RunAsync(IReadOnlyList<Contender> contenders, CancellationToken cancellationToken)
    {
        for (var round = 0; round < settings.WarmUpRounds; round++)
        {
            foreach (var contender in contenders)
            {
                await MeasureRoundAsync(contender, cancellationToken);
            }
        }

        var rates = contenders.ToDictionary(contender => contender, _ => new List<double>());
        for (var round = 0; round < settings.Rounds; round++)
        {
            var order = round % 2 == 0 ? contenders : contenders.Reverse();
            foreach (var contender in order)
            {
                var rate = await MeasureRoundAsync(contender, cancellationToken);
                rates[contender].Add(rate);
                Console.WriteLine(string.Create(
                    CultureInfo.InvariantCulture, $"  round {round + 1}  {contender.Name,-34} {rate,10:F0} writes/s"));
            }
        }

        return new ComparisonResult([.. contenders.Select(contender => (contender.Name, (IReadOnlyList<double>)rates[contender]))]);
    }

    private async Task<double> MeasureRoundAsync(Contender contender, CancellationToken cancellationToken)
    {
        var perWorker = settings.OperationsPerRound / settings.Concurrency;
        var stopwatch = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, settings.Concurrency).Select(async worker =>
        {
            for (var operation = 0; operation < perWorker; operation++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                await contender.Operation(worker, operation);
            }
        });
        await Task.WhenAll(workers);
        stopwatch.Stop();
        return perWorker * settings.Concurrency / stopwatch.Elapsed.TotalSeconds;
    }
}
