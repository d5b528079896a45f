using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Orleans.Runtime.Messaging;
using UserManagement.Contracts.Users;
using UserManagement.Persistence.DynamoDB;
using UserManagement.Tests.Builders;
using UserManagement.Tests.Infrastructure;

namespace UserManagement.Tests.Api;

/// <summary>
/// A grain call that fails: only a failure that may pass is a 503 with <c>Retry-After</c>; one that fails the same way
/// every time is a 500 with problem details, logged as an error. Every call the gateway makes to a user's grain fails as the cluster would fail it.
/// </summary>
[Collection(UserClusterCollection.Name)]
public sealed class GrainCallFailureTests(UserClusterFixture fixture)
{
    public static TheoryData<string> TransientFailures => ["timeout", "silo unavailable", "no connection to the cluster", "storage unavailable"];

    public static TheoryData<string> PermanentFailures => ["state too large", "state unreadable", "bug"];

    [Theory]
    [MemberData(nameof(TransientFailures))]
    public async Task A_transient_failure_is_a_503_with_Retry_After(string failure)
    {
        using var response = await RegisterWhileEveryGrainCallThrows(failure);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("1", Assert.Single(response.Headers.GetValues("Retry-After")));
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [MemberData(nameof(PermanentFailures))]
    public async Task A_permanent_failure_is_a_logged_500_with_problem_details_and_no_Retry_After(string failure)
    {
        using var response = await RegisterWhileEveryGrainCallThrows(failure);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.False(response.Headers.Contains("Retry-After"));
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(500, problem["status"]!.GetValue<int>());
        Assert.DoesNotContain(Failure(failure).Message, problem.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains(CapturedTelemetry.Logs.Entries, line =>
            line.Level == LogLevel.Error && line.Text.Contains(Failure(failure).Message, StringComparison.Ordinal));
    }

    private static Exception Failure(string failure) => failure switch
    {
        "timeout" => new TimeoutException("The grain call timed out."),
        "silo unavailable" => new SiloUnavailableException("The silo went away."),
        "no connection to the cluster" => new ConnectionFailedException("No gateway could be connected to."),
        "storage unavailable" => new DynamoDBGrainStorageException("DynamoDB answered 503 after every retry."),
        "state too large" => new GrainStateTooLargeException("user", "user", 500_000, 400_000),
        "state unreadable" => new GrainStateUnreadableException("The stored item has no version."),
        _ => new InvalidOperationException("A bug in a grain."),
    };

    private async Task<HttpResponseMessage> RegisterWhileEveryGrainCallThrows(string failure)
    {
        await using var gateway = new GatewayFactory(fixture).WithWebHostBuilder(web => web.ConfigureTestServices(services =>
            services.AddSingleton<IOutgoingGrainCallFilter>(new FailingGrainCalls(Failure(failure)))));
        using var client = gateway.CreateClient();
        return await client.PostAsJsonAsync("/user", A.Registration().BuildRequestBody());
    }

    /// <summary>Fails every call the gateway makes to a user's grain, as the cluster would answer it.</summary>
    private sealed class FailingGrainCalls(Exception failure) : IOutgoingGrainCallFilter
    {
        public Task Invoke(IOutgoingGrainCallContext context) =>
            context.InterfaceMethod?.DeclaringType == typeof(IUserGrain) ? Task.FromException(failure) : context.Invoke();
    }
}
