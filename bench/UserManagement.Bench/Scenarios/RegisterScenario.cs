using Amazon.DynamoDBv2.Model;
using Microsoft.Extensions.Options;
using UserManagement.Bench.Hosting;
using UserManagement.Bench.Load;
using UserManagement.Bench.Reporting;
using UserManagement.Contracts.Passwords;
using UserManagement.Contracts.Users;
using UserManagement.Grains.Passwords;
using UserManagement.Grains.Users;

namespace UserManagement.Bench.Scenarios;

/// <summary>
/// <c>POST /user</c> of new users against what a registration cannot do without: an Argon2id hash (same hasher, same
/// parameters) and one unconditional <c>PutItem</c> of an item like the one the silo stored, on the same dynalite.
/// The service does more: the per-address uniqueness check (a conditional write), the outbox index and the
/// <c>users.userCreated.v1</c> event (published to the local stand-in, then removed from the user's state).
/// </summary>
public sealed class RegisterScenario : IBenchmarkScenario
{
    public string Name => "register";

    public string Description => "POST /user vs raw Argon2id hash + raw PutItem (dynalite), same concurrency";

    public BenchmarkSettings Defaults => BenchmarkSettings.Default with { WarmUpRounds = 2, OperationsPerRound = 48 };

    public async Task<ScenarioResult> RunAsync(BenchmarkSettings settings, CancellationToken cancellationToken)
    {
        await using var service = await ServiceUnderTest.StartAsync(cancellationToken);
        using var calls = new GatewayCalls(service.GatewayUrl, settings.Concurrency);
        using var dynamo = service.DynamoDB.CreateClient();

        // The raw side writes the very item the silo stored for a user, under a key of the same length.
        var firstId = await calls.Register(calls.NewEmailAddress());
        var stored = await FindItemAsync(dynamo, firstId, cancellationToken);
        var hashAttribute = stored["state"].M.Keys.Single(key => key.Equals(nameof(UserState.PasswordHash), StringComparison.OrdinalIgnoreCase));

        using var hasher = new Argon2idPasswordHasher(Options.Create(new PasswordHashingOptions()));
        var password = new Password(GatewayCalls.Password);
        var register = new Contender("POST /user", (_, _) => calls.Register(calls.NewEmailAddress()));
        var raw = new Contender("Argon2id hash + PutItem", async (_, _) =>
        {
            var state = new Dictionary<string, AttributeValue>(stored["state"].M) { [hashAttribute] = new() { S = await hasher.Hash(password) } };
            var item = new Dictionary<string, AttributeValue>(stored)
            {
                ["pk"] = new() { S = stored["pk"].S.Replace(firstId, Guid.NewGuid().ToString(), StringComparison.Ordinal) },
                ["state"] = new() { M = state },
            };
            await dynamo.PutItemAsync(new PutItemRequest { TableName = ServiceUnderTest.TableName, Item = item }, cancellationToken);
        });
        var result = await new InterleavedComparison(settings, "registrations/s", service.CpuProbes).RunAsync([register, raw], cancellationToken);
        result.Print();
        return new ScenarioResult(
            Name,
            Description,
            result.Summaries(),
            [
                new MeasuredRatio(
                    "POST /user / hash + PutItem", result.RatioOfFirstTo(1), 0.8, TargetIsMinimum: true,
                    "share of the bare hash-and-store rate left after validation, the uniqueness check, the outbox and the event"),
            ],
            [$"{settings.Concurrency} workers, a new address per registration; both sides write to the same dynalite (the silo through its DynamoDB storage)"]);
    }

    private static async Task<Dictionary<string, AttributeValue>> FindItemAsync(
        Amazon.DynamoDBv2.AmazonDynamoDBClient dynamo, string userId, CancellationToken cancellationToken)
    {
        var scan = await dynamo.ScanAsync(new ScanRequest { TableName = ServiceUnderTest.TableName }, cancellationToken);
        return scan.Items.FirstOrDefault(item => item["pk"].S.Contains(userId, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"No stored item names user {userId}.");
    }
}
