using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using Amazon.Runtime;
using Microsoft.Extensions.Options;
using UserManagement.Grains.Outbox;

namespace UserManagement.Events.EventBridge;

/// <summary>
/// <c>PutEvents</c> over the HTTP client named <see cref="HttpClientName"/>, whose handler signs each request (SigV4,
/// through AWSSDK.Core). One request per batch of at most <see cref="MaxEntriesPerRequest"/> events, tried once within
/// <see cref="EventBridgeOptions.RequestTimeout"/>; every way it can fail is turned into an outcome per event, so the
/// outbox, the one place that retries, decides what comes next.
/// </summary>
public sealed class EventBridgePublisher(IHttpClientFactory httpClients, IOptions<EventBridgeOptions> options) : IEventPublisher
{
    public const string HttpClientName = "EventBridge";

    /// <summary>The most entries EventBridge takes in one request; longer lists go in several.</summary>
    public const int MaxEntriesPerRequest = 10;

    private const string Target = "AWSEvents.PutEvents";

    private readonly EventBridgeOptions _options = options.Value;

    public async Task<IReadOnlyList<EventOutcome>> PublishOnce(IReadOnlyList<OutgoingEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        var outcomes = new List<EventOutcome>(events.Count);
        foreach (var batch in events.Chunk(MaxEntriesPerRequest))
        {
            outcomes.AddRange(await Send(batch, cancellationToken));
        }

        return outcomes;
    }

    /// <summary>One signed request for <paramref name="batch"/>, and what became of each of its events.</summary>
    private async Task<IEnumerable<EventOutcome>> Send(OutgoingEvent[] batch, CancellationToken cancellationToken)
    {
        using var activity = EventBridgeTelemetry.StartSend(batch, _options.EventBusName);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.RequestTimeout);
        using var request = new HttpRequestMessage(HttpMethod.Post, _options.Endpoint)
        {
            Content = new ByteArrayContent(PutEventsJson.Request(_options.EventBusName, batch)),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-amz-json-1.1");
        request.Headers.Add("X-Amz-Target", Target);

        var outcomes = await Outcomes(batch, request, timeout.Token, cancellationToken);
        if (outcomes.FirstOrDefault(outcome => outcome.Result != PublishResult.Accepted) is { } failed)
        {
            activity?.SetStatus(ActivityStatusCode.Error, failed.ErrorCode);
            activity?.SetTag("error.type", failed.ErrorCode);
        }

        return outcomes;
    }

    private async Task<List<EventOutcome>> Outcomes(
        OutgoingEvent[] batch, HttpRequestMessage request, CancellationToken timeout, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, timeout);
            var body = await response.Content.ReadAsByteArrayAsync(timeout);
            if (response.IsSuccessStatusCode)
            {
                var results = PutEventsJson.Results(body, batch.Length);
                return [.. batch.Zip(results, (sent, result) => result.Accepted
                    ? new EventOutcome(sent.Id, PublishResult.Accepted)
                    : new EventOutcome(sent.Id, EventBridgeErrorCodes.OfEntry(result.ErrorCode!), result.ErrorCode, result.ErrorMessage))];
            }

            var errorType = response.Headers.TryGetValues("x-amzn-ErrorType", out var values) ? values.FirstOrDefault() : null;
            var (code, message) = PutEventsJson.Error(body, errorType);
            return AllFailed(batch, EventBridgeErrorCodes.OfAnswer(response.StatusCode, code), code ?? $"Http{(int)response.StatusCode}", message);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // No answer in time: EventBridge may still have taken the events, which is why the id stays the same.
            return AllFailed(batch, PublishResult.Transient, "Timeout", $"No answer within {_options.RequestTimeout}.");
        }
        catch (HttpRequestException exception)
        {
            return AllFailed(batch, PublishResult.Transient, "Transport", exception.Message);
        }
        catch (JsonException)
        {
            return AllFailed(batch, PublishResult.Transient, "MalformedResponse", "The answer was not a PutEvents result.");
        }
        catch (AmazonClientException exception)
        {
            // Resolving credentials failed; an instance or container role endpoint can be briefly unreachable.
            return AllFailed(batch, PublishResult.Transient, "Credentials", exception.Message);
        }
    }

    private static List<EventOutcome> AllFailed(OutgoingEvent[] batch, PublishResult result, string code, string? message) =>
        [.. batch.Select(sent => new EventOutcome(sent.Id, result, code, message))];
}
