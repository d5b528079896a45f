using System.Net;
using System.Net.Sockets;
using UserManagement.Tests.Persistence.Grains;

namespace UserManagement.Tests.Persistence;

/// <summary>What a silo does when DynamoDB or its table is not as configured: a clear error, never a hang.</summary>
[Collection(DynamoDBCollection.Name)]
public sealed class DynamoDBGrainStorageStartupTests(DynamoDBFixture dynamo)
{
    // Guards the test run against a hang; the storage's own timeout is far shorter.
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_silo_creates_a_missing_table_when_asked_to()
    {
        var tableName = $"created-{Guid.NewGuid():N}";

        await using var cluster = await dynamo.NewCluster().WithTable(tableName).StartAsync();
        await cluster.GrainFactory.GetGrain<ICounterGrain>("created").Increment();

        var table = await dynamo.Client.DescribeTableAsync(tableName);
        Assert.Equal("PAY_PER_REQUEST", table.Table.BillingModeSummary?.BillingMode?.Value);
        Assert.Equal("pk", Assert.Single(table.Table.KeySchema).AttributeName);
    }

    [Fact]
    public async Task A_silo_whose_table_is_missing_does_not_start()
    {
        var builder = dynamo.NewCluster().WithTable($"missing-{Guid.NewGuid():N}").WithoutTableCreation();

        var error = await Assert.ThrowsAnyAsync<Exception>(() => builder.StartAsync().WaitAsync(HangGuard));

        Assert.Contains("does not exist", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_silo_with_an_invalid_table_name_does_not_start()
    {
        var builder = dynamo.NewCluster().WithTable("no spaces allowed");

        var error = await Assert.ThrowsAnyAsync<Exception>(() => builder.StartAsync().WaitAsync(HangGuard));

        Assert.Contains("Storage:users:TableName", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_silo_that_cannot_reach_DynamoDB_does_not_start()
    {
        var builder = dynamo.NewCluster()
            .WithEndpoint(new Uri($"http://127.0.0.1:{LoopbackPorts.Free()}"))
            .WithoutTableCreation()
            .WithRequestTimeout(TimeSpan.FromSeconds(2));

        var error = await Assert.ThrowsAnyAsync<Exception>(() => builder.StartAsync().WaitAsync(HangGuard));

        Assert.Contains("could not use DynamoDB table", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_closed_endpoint_fails_the_grain_call_with_a_clear_error()
    {
        await using var cluster = await dynamo.NewCluster()
            .WithEndpoint(new Uri($"http://127.0.0.1:{LoopbackPorts.Free()}"))
            .WithoutStartupTableCheck()
            .WithRequestTimeout(TimeSpan.FromSeconds(2))
            .StartAsync();

        var error = await Assert.ThrowsAnyAsync<Exception>(
            () => cluster.GrainFactory.GetGrain<ICounterGrain>("unreachable").Get().WaitAsync(HangGuard));

        Assert.Contains("DynamoDB failed the read", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_endpoint_that_never_answers_fails_the_grain_call_after_the_request_timeout()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        await using var cluster = await dynamo.NewCluster()
            .WithEndpoint(new Uri($"http://127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port}"))
            .WithoutStartupTableCheck()
            .WithRequestTimeout(TimeSpan.FromSeconds(1))
            .StartAsync();

        var error = await Assert.ThrowsAnyAsync<Exception>(
            () => cluster.GrainFactory.GetGrain<ICounterGrain>("silent").Get().WaitAsync(HangGuard));

        Assert.Contains("did not complete the read", error.ToString(), StringComparison.Ordinal);
    }
}
