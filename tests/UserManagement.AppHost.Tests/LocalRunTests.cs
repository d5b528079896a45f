using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using UserManagement.Testing.Builders;

namespace UserManagement.AppHost.Tests;

/// <summary>The whole service as a person runs it with <c>./run-local.sh</c>: the AppHost, its emulators and its dashboard.</summary>
[Collection(LocalRunCollection.Name)]
public sealed class LocalRunTests(LocalRunFixture localRun) : IDisposable
{
    private const string OrdersQueue = "user-management-orders";

    /// <summary>Telemetry is exported in batches every few seconds; on a loaded machine, later.</summary>
    private static readonly TimeSpan TelemetryPatience = TimeSpan.FromSeconds(90);

    private readonly HttpClient _http = localRun.CreateApiClient();

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task A_person_registers_logs_in_sends_an_order_to_the_queue_and_reads_it_counted()
    {
        var api = new GatewayClient(_http);
        var registration = new RegistrationBuilder();
        var userId = await api.RegisterUser(registration);
        var token = await api.TokenFor(registration.EmailAddress, registration.Password);
        Assert.Equal(0, await OrderCount(api, userId, token));

        await SendToQueue(An.OrderCompletedEvent().ForUser(userId));

        await Eventually.Until(async () => await OrderCount(api, userId, token) == 1, "the order to be counted", TimeSpan.FromSeconds(90));
        Assert.Equal(1, await OrderCount(api, userId, token));
    }

    [Fact]
    public async Task A_registration_is_one_trace_from_the_gateway_through_the_grain_and_DynamoDB_to_EventBridge()
    {
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/user") { Content = JsonContent.Create(new RegistrationBuilder().BuildRequestBody()) };
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");
        using var response = await _http.SendAsync(request);
        response.EnsureSuccessStatusCode();

        // Each process exports on its own schedule, so the wait is for every expected span, whichever comes last.
        await TraceHolds(traceId,
            s => s.Resource == LocalRunFixture.ApiResource && s.Name.StartsWith("POST /user", StringComparison.Ordinal),
            s => s.Resource == "silo" && s.Name == "IUserGrain/Register",
            IsDynamoDBWrite,
            s => s.Resource == "silo" && s.Name == "send users.userCreated.v1");
    }

    [Fact]
    public async Task An_order_message_is_one_trace_from_its_traceparent_through_the_ingest_worker_the_grain_and_DynamoDB()
    {
        var userId = await new GatewayClient(_http).RegisterUser(new RegistrationBuilder());
        var order = An.OrderCompletedEvent().ForUser(userId);
        await SendToQueue(order);

        await TraceHolds(order.TraceParent.Split('-')[1],
            s => s.Resource == LocalRunFixture.IngestResource && s.Name == $"process {OrdersQueue}",
            s => s.Resource == "silo" && s.Name == "IUserGrain/RecordCompletedOrder",
            IsDynamoDBWrite);
    }

    private static bool IsDynamoDBWrite(DashboardSpan span) =>
        span.Resource == "silo" && span.Scope == "UserManagement.Persistence.DynamoDB" && span.Name.StartsWith("PutItem", StringComparison.Ordinal);

    /// <summary>Waits until the dashboard holds a span of the trace for each expectation, and says which are missing if it never does.</summary>
    private async Task TraceHolds(string traceId, params Func<DashboardSpan, bool>[] expected)
    {
        var dashboard = new DashboardTelemetry(localRun.DashboardUrl);
        IReadOnlyList<DashboardSpan> spans = [];
        try
        {
            await Eventually.Until(async () => (spans = await dashboard.SpansOf(traceId)) is var held && expected.All(held.Any), $"trace {traceId}", TelemetryPatience);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"The dashboard's trace {traceId} lacks expected spans; it holds: {string.Join(", ", spans.Select(s => $"{s.Resource}: {s.Name}"))}");
        }
    }

    private async Task SendToQueue(OrderCompletedEventBuilder order)
    {
        using var sqs = localRun.CreateSqsClient();
        var queueUrl = (await sqs.GetQueueUrlAsync(OrdersQueue)).QueueUrl;
        await sqs.SendMessageAsync(queueUrl, order.Build());
    }

    private static async Task<int> OrderCount(GatewayClient api, string userId, string token)
    {
        using var response = await api.GetUser(userId, token);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["data"]!["orderCount"]!.GetValue<int>();
    }
}
