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

        var spans = await SpansOf(traceId, s => s.Kind == ActivityKind.Server && s.Source.Name == "Microsoft.AspNetCore");
        var gateway = Assert.Single(spans, s => s.ParentSpanId == callerSpanId);
        Assert.Equal((ActivityKind.Server, "Microsoft.AspNetCore"), (gateway.Kind, gateway.Source.Name));
        var grain = Assert.Single(spans, s => s.Kind == ActivityKind.Server && s.DisplayName == "IUserGrain/Register");
        Assert.True(Descends(grain, gateway, spans), "the grain span is beneath the gateway span");
        Assert.Contains(spans, s => IsStorageWrite(s) && Descends(s, grain, spans));
        Assert.Contains(spans, s => s.Kind == ActivityKind.Producer && s.DisplayName == "send users.userCreated.v1" && Descends(s, grain, spans));
    }

    private static bool IsStorageWrite(Activity span) =>
        (span.Source.Name == "Microsoft.Orleans.Storage" && span.DisplayName == "write storage")
        || span.Source.Name.StartsWith("UserManagement.Persistence", StringComparison.Ordinal);

    /// <summary>Whether <paramref name="span"/>'s chain of parents, within one trace, reaches <paramref name="ancestor"/>.</summary>
    private static bool Descends(Activity span, Activity ancestor, IReadOnlyList<Activity> spans)
    {
        var byId = spans.ToDictionary(s => s.SpanId);
        for (var current = span; byId.TryGetValue(current.ParentSpanId, out var parent); current = parent)
        {
            if (parent.SpanId == ancestor.SpanId)
            {
                return true;
            }
        }

        return false;
    }

    private static async Task<IReadOnlyList<Activity>> SpansOf(ActivityTraceId traceId, Func<Activity, bool> lastExpected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!CapturedTelemetry.SpansOf(traceId).Any(lastExpected) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        return CapturedTelemetry.SpansOf(traceId);
    }
}
