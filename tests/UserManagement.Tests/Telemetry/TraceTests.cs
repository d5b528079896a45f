using System.Diagnostics;
using System.Net.Http.Json;
using UserManagement.Tests.Builders;
using UserManagement.Tests.Infrastructure;

namespace UserManagement.Tests.Telemetry;

[Collection(UserClusterCollection.Name)]
public sealed class TraceTests(UserClusterFixture fixture)
{
    private readonly HttpClient _http = fixture.Gateway.CreateClient();

    [Fact]
    public async Task A_registrations_incoming_traceparent_is_the_parent_of_the_gateway_grain_and_storage_spans()
    {
        CapturedTelemetry.Start();
        var traceId = ActivityTraceId.CreateRandom();
        var callerSpanId = ActivitySpanId.CreateRandom();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/user") { Content = JsonContent.Create(A.Registration().BuildRequestBody()) };
        request.Headers.Add("traceparent", $"00-{traceId}-{callerSpanId}-01");

        using var response = await _http.SendAsync(request);
        response.EnsureSuccessStatusCode();

        // Publishing the user's event runs on the grain's timer after the answer, so its span is the last to end.
        var spans = await SpansOf(traceId, IsPublishing);
        var gateway = Assert.Single(spans, s => s.ParentSpanId == callerSpanId);
        Assert.Equal((ActivityKind.Server, "Microsoft.AspNetCore"), (gateway.Kind, gateway.Source.Name));
        var grain = Assert.Single(spans, s => s.Kind == ActivityKind.Server && s.DisplayName == "IUserGrain/Register");
        Assert.True(grain.IsBeneath(gateway, spans), "the grain span is beneath the gateway span");
        Assert.Contains(spans, s => IsStorageWrite(s) && s.IsBeneath(grain, spans));
        Assert.Contains(spans, s => IsPublishing(s) && s.IsBeneath(grain, spans));
    }

    private static bool IsPublishing(Activity span) =>
        span.Kind == ActivityKind.Producer && span.DisplayName == "send users.userCreated.v1";

    private static bool IsStorageWrite(Activity span) =>
        (span.Source.Name == "Microsoft.Orleans.Storage" && span.DisplayName == "write storage")
        || span.Source.Name.StartsWith("UserManagement.Persistence", StringComparison.Ordinal);

    private static async Task<IReadOnlyList<Activity>> SpansOf(ActivityTraceId traceId, Func<Activity, bool> lastExpected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!CapturedTelemetry.SpansOf(traceId).Any(lastExpected) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        return CapturedTelemetry.SpansOf(traceId);
    }
}
