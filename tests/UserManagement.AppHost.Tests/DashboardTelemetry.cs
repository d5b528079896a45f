using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace UserManagement.AppHost.Tests;

/// <summary>One span as the Aspire dashboard received it: the resource that sent it, its instrumentation scope and name.</summary>
public sealed record DashboardSpan(string Resource, string Scope, string Name, string SpanId, string? ParentSpanId);

/// <summary>What the Aspire dashboard holds of a trace, read through its telemetry API (OTLP JSON).</summary>
public sealed class DashboardTelemetry(Uri dashboardUrl)
{
    /// <summary>The spans of the trace received so far; none while the dashboard knows nothing of it.</summary>
    public async Task<IReadOnlyList<DashboardSpan>> SpansOf(string traceId)
    {
        using var http = new HttpClient { BaseAddress = dashboardUrl, Timeout = TimeSpan.FromSeconds(10) };
        using var response = await http.GetAsync(new Uri($"/api/telemetry/traces/{traceId}", UriKind.Relative));
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return [];
        }

        response.EnsureSuccessStatusCode();
        return Read((await response.Content.ReadFromJsonAsync<JsonObject>())!);
    }

    private static List<DashboardSpan> Read(JsonObject answer) =>
    [
        .. from resourceSpans in answer["data"]!["resourceSpans"]!.AsArray()
           let resource = ServiceName(resourceSpans!)
           from scopeSpans in resourceSpans!["scopeSpans"]!.AsArray()
           let scope = scopeSpans!["scope"]!["name"]!.GetValue<string>()
           from span in scopeSpans!["spans"]!.AsArray()
           select new DashboardSpan(
               resource, scope, span!["name"]!.GetValue<string>(), span["spanId"]!.GetValue<string>(), span["parentSpanId"]?.GetValue<string>()),
    ];

    private static string ServiceName(JsonNode resourceSpans) =>
        resourceSpans["resource"]?["attributes"]?.AsArray()
            .FirstOrDefault(attribute => attribute!["key"]!.GetValue<string>() == "service.name")?["value"]?["stringValue"]?.GetValue<string>()
        ?? "";
}
