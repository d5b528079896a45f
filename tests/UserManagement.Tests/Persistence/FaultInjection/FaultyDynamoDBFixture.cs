using System.Globalization;
using Amazon.DynamoDBv2.Model;
using Orleans.TestingHost;
using UserManagement.Contracts.Users;
using UserManagement.Tests.Builders;
using UserManagement.Tests.Ingest;

namespace UserManagement.Tests.Persistence.FaultInjection;

/// <summary>
/// A cluster on the DynamoDB storage whose client reaches the suite's dynalite only through a
/// <see cref="FaultyDynamoDBProxy"/>, shared by the tests of a class; each test injects faults for its own items only.
/// </summary>
public class FaultyDynamoDBFixture : IAsyncLifetime
{
    /// <summary>The name of the user grain's state, the middle part of its items' keys.</summary>
    public const string UserStateName = "user";

    private readonly DynamoDBFixture _dynamo;
    private readonly IReadOnlyDictionary<string, string?> _settings;
    private readonly bool _servesApi;

    public FaultyDynamoDBFixture(DynamoDBFixture dynamo)
        : this(dynamo, new Dictionary<string, string?>())
    {
    }

    /// <summary>The cluster's silo with <paramref name="settings"/> besides the storage's.</summary>
    protected FaultyDynamoDBFixture(DynamoDBFixture dynamo, IReadOnlyDictionary<string, string?> settings, bool servesApi = false) =>
        (_dynamo, _settings, _servesApi) = (dynamo, settings, servesApi);

    /// <summary>The storage's request timeout here: short, so an answer held back past it costs a test seconds only.</summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(2);

    /// <summary>Long enough past <see cref="RequestTimeout"/> that the storage has given up before the answer comes.</summary>
    public static readonly TimeSpan PastTheTimeout = RequestTimeout + TimeSpan.FromSeconds(1);

    public FaultyDynamoDBProxy Proxy { get; private set; } = null!;

    public TestCluster Cluster { get; private set; } = null!;

    public string ServiceId { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.GrainFactory;

    /// <summary>The key of the item that holds <paramref name="stateName"/> of the grain, as the proxy matches it.</summary>
    public string KeyOf(string stateName, GrainId grainId) => StoredItems.KeyOf(ServiceId, stateName, grainId);

    /// <summary>A registered user whose registration event has been published, so its next write is the test's.</summary>
    public async Task<(IUserGrain User, string Key)> RegisteredAsync(RegistrationBuilder registration)
    {
        var user = Grains.GetUserByEmailAddress(registration.EmailAddress);
        await user.Register(registration.Build());
        var key = KeyOf(UserStateName, user.GetGrainId());
        await Eventually.Until(
            async () => (await StoredStateAsync(key))["Outbox"].L.Count == 0, "the registration event to be published");
        return (user, key);
    }

    /// <summary>A user's state as stored, read straight from DynamoDB.</summary>
    public async Task<Dictionary<string, AttributeValue>> StoredStateAsync(string key)
    {
        var item = await _dynamo.Client.GetAsync(DynamoDBFixture.TableName, key)
            ?? throw new InvalidOperationException($"No item is stored under {key}.");
        return item["state"].M;
    }

    /// <summary>The failed log-ins a stored user state counts for one client address (<see cref="ClientNetwork"/>).</summary>
    public static int StoredFailures(Dictionary<string, AttributeValue> state, string address) =>
        state["Logins"].M["Failures"].L
            .Where(f => f.M["Address"].S == address)
            .Sum(f => int.Parse(f.M["Count"].N, CultureInfo.InvariantCulture));

    public async Task InitializeAsync()
    {
        Proxy = await FaultyDynamoDBProxy.StartAsync(_dynamo.ServiceUrl);
        var builder = _dynamo.NewCluster().WithEndpoint(Proxy.Url).WithRequestTimeout(RequestTimeout).WithSettings(_settings);
        if (_servesApi)
        {
            builder.ServingTheApi();
        }

        ServiceId = builder.ServiceId;
        Cluster = await builder.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (Cluster is not null)
        {
            await Cluster.DisposeAsync();
        }

        if (Proxy is not null)
        {
            await Proxy.DisposeAsync();
        }
    }
}
