using System.Globalization;
using Microsoft.Extensions.Configuration;
using Orleans.TestingHost;
using UserManagement.Tests.Infrastructure;

namespace UserManagement.Tests.Persistence;

/// <summary>
/// Builds a one-silo test cluster on the DynamoDB storage. By default it talks to the suite's dynalite, in the suite's
/// table, creating it if needed; two clusters built with one service id share their grains' items.
/// </summary>
public sealed class StorageClusterBuilder(DynamoDBFixture dynamo)
{
    private string _serviceId = $"tests-{Guid.NewGuid():N}";
    private Uri _serviceUrl = dynamo.ServiceUrl;
    private string _tableName = DynamoDBFixture.TableName;
    private bool _createTable = true;
    private bool _verifyTable = true;
    private TimeSpan _requestTimeout = TimeSpan.FromSeconds(5);
    private short _silos = 1;
    private Uri _events = dynamo.Events.Url;
    private IReadOnlyDictionary<string, string?> _settings = new Dictionary<string, string?>();
    private bool _servesApi;

    public string ServiceId => _serviceId;

    public StorageClusterBuilder WithServiceId(string serviceId)
    {
        _serviceId = serviceId;
        return this;
    }

    public StorageClusterBuilder WithEndpoint(Uri serviceUrl)
    {
        _serviceUrl = serviceUrl;
        return this;
    }

    public StorageClusterBuilder WithTable(string tableName)
    {
        _tableName = tableName;
        return this;
    }

    /// <summary>Starts without touching the table, as a silo whose table is owned by the infrastructure code.</summary>
    public StorageClusterBuilder WithoutStartupTableCheck()
    {
        _createTable = false;
        _verifyTable = false;
        return this;
    }

    public StorageClusterBuilder WithoutTableCreation()
    {
        _createTable = false;
        return this;
    }

    /// <summary>Publishes events to <paramref name="events"/> instead of the suite's stand-in.</summary>
    public StorageClusterBuilder WithEventsAt(Uri events)
    {
        _events = events;
        return this;
    }

    /// <summary>Settings over the test silos' own, e.g. <c>Outbox:MaxAttempts</c>.</summary>
    public StorageClusterBuilder WithSettings(IReadOnlyDictionary<string, string?> settings)
    {
        _settings = settings;
        return this;
    }

    public StorageClusterBuilder WithSilos(short silos)
    {
        _silos = silos;
        return this;
    }

    public StorageClusterBuilder WithRequestTimeout(TimeSpan timeout)
    {
        _requestTimeout = timeout;
        return this;
    }

    /// <summary>The silo serves the API too, as a co-hosting silo does (<see cref="CoHostedApiConfigurator"/>).</summary>
    public StorageClusterBuilder ServingTheApi()
    {
        _servesApi = true;
        return this;
    }

    public async Task<TestCluster> StartAsync()
    {
        var builder = new TestClusterBuilder(_silos);
        builder.Options.ServiceId = _serviceId;
        builder.ConfigureHostConfiguration(configuration => configuration.AddInMemoryCollection(EventSettings.For(_events)));
        builder.ConfigureHostConfiguration(configuration => configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [DynamoDBSiloConfigurator.ServiceUrlKey] = _serviceUrl.ToString(),
            ["Storage:users:TableName"] = _tableName,
            ["Storage:users:CreateTableIfNotExists"] = _createTable.ToString(CultureInfo.InvariantCulture),
            ["Storage:users:VerifyTableOnStartup"] = _verifyTable.ToString(CultureInfo.InvariantCulture),
            ["Storage:users:RequestTimeout"] = _requestTimeout.ToString("c", CultureInfo.InvariantCulture),
            ["Reminders:TableName"] = DynamoDBFixture.ReminderTableName,
            ["Reminders:CreateTableIfNotExists"] = _createTable.ToString(CultureInfo.InvariantCulture),
            ["Reminders:VerifyTableOnStartup"] = _verifyTable.ToString(CultureInfo.InvariantCulture),
        }));
        if (_servesApi)
        {
            builder.ConfigureHostConfiguration(configuration => configuration.AddInMemoryCollection(GatewayFactory.Settings));
            builder.AddSiloBuilderConfigurator<CoHostedApiConfigurator>();
        }

        builder.ConfigureHostConfiguration(configuration => configuration.AddInMemoryCollection(_settings));
        builder.AddSiloBuilderConfigurator<DynamoDBSiloConfigurator>();
        builder.AddClientBuilderConfigurator<TracingClientConfigurator>();
        var cluster = builder.Build();
        try
        {
            await cluster.DeployAsync();
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }

        return cluster;
    }
}
