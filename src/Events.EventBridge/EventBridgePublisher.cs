using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Amazon.Runtime;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using UserManagement.Resilience;

namespace UserManagement.Grains.Events;

/// <summary>
/// <c>PutEvents</c> over the HTTP client named <see cref="HttpClientName"/>, whose handlers sign each request. The
/// retries happen here, above the signing, so every try is signed afresh with the current time, and a try after a
/// partial failure sends only the entries EventBridge did not accept.
/// </summary>
public sealed partial class EventBridgePublisher(
    IHttpClientFactory httpClients,
    IOptions<EventBridgeOptions> options,
    TimeProvider timeProvider,
    ILogger<EventBridgePublisher> logger) : IEventBridgePublisher
{
    public const string HttpClientName = "EventBridge";

    /// <summary>The most entries EventBridge takes in one request; longer lists go in several.</summary>
    public const int MaxEntriesPerRequest = 10;

    private const string Target = "AWSEvents.PutEvents";
    private const int FailuresNamedInMessage = 5;

    private readonly EventBridgeOptions _options = options.Value;

    public async Task PutEvents(IReadOnlyList<EventBridgeEntry> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var failures = new List<FailedEventBridgeEntry>();
        for (var start = 0; start < entries.Count; start += MaxEntriesPerRequest)
        {
            var batch = Enumerable.Range(start, Math.Min(MaxEntriesPerRequest, entries.Count - start)).ToList();
            failures.AddRange(await PutBatch(entries, batch, cancellationToken));
        }

        if (failures.Count > 0)
        {
            throw new EventPublishingException(Describe(failures, entries.Count), failures);
        }
    }

    /// <returns>The entries of <paramref name="batch"/> that were not accepted in the end.</returns>
    private async Task<List<FailedEventBridgeEntry>> PutBatch(
        IReadOnlyList<EventBridgeEntry> entries, IReadOnlyList<int> batch, CancellationToken cancellationToken)
    {
        var pending = batch;
        var givenUp = new List<FailedEventBridgeEntry>();
        for (var attempt = 1; ; attempt++)
        {
            var failures = await Send(entries, pending, cancellationToken);
            givenUp.AddRange(failures.Where(failure => !failure.Retryable).Select(failure => failure.Entry));
            var retryable = failures.Where(failure => failure.Retryable).Select(failure => failure.Entry).ToList();
            if (retryable.Count == 0 || attempt >= _options.MaxAttempts)
            {
                givenUp.AddRange(retryable);
                return [.. givenUp.OrderBy(failure => failure.Index)];
            }

            var delay = RetryDelay(attempt);
            LogRetrying(retryable.Count, retryable[0].ErrorCode, retryable[0].ErrorMessage, attempt, _options.MaxAttempts, delay);
            await Task.Delay(delay, timeProvider, cancellationToken);
            pending = [.. retryable.Select(failure => failure.Index)];
        }
    }

    /// <summary>One signed request for the <paramref name="pending"/> entries.</summary>
    /// <returns>The entries it did not get accepted, each with whether another try may help.</returns>
    private async Task<List<Failure>> Send(
        IReadOnlyList<EventBridgeEntry> entries, IReadOnlyList<int> pending, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.RequestTimeout);
        using var request = new HttpRequestMessage(HttpMethod.Post, _options.Endpoint)
        {
            Content = new ByteArrayContent(PutEventsJson.Request(_options.EventBusName, pending.Select(index => entries[index]))),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-amz-json-1.1");
        request.Headers.Add("X-Amz-Target", Target);

        try
        {
            using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, timeout.Token);
            var body = await response.Content.ReadAsByteArrayAsync(timeout.Token);
            if (response.IsSuccessStatusCode)
            {
                var results = PutEventsJson.Results(body, pending.Count);
                return [.. results
                    .Select((result, position) => (result, index: pending[position]))
                    .Where(entry => !entry.result.Accepted)
                    .Select(entry => new Failure(
                        new FailedEventBridgeEntry(entry.index, entry.result.ErrorCode!, entry.result.ErrorMessage),
                        EventBridgeErrorCodes.IsTransientEntryError(entry.result.ErrorCode!)))];
            }

            var errorType = response.Headers.TryGetValues("x-amzn-ErrorType", out var values) ? values.FirstOrDefault() : null;
            var (code, message) = PutEventsJson.Error(body, errorType);
            return AllFailed(
                pending,
                code ?? $"Http{(int)response.StatusCode}",
                message,
                EventBridgeErrorCodes.IsTransientAnswer(response.StatusCode, code));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return AllFailed(pending, "Timeout", $"No answer within {_options.RequestTimeout}.", retryable: true);
        }
        catch (HttpRequestException exception)
        {
            return AllFailed(pending, "Transport", exception.Message, retryable: true);
        }
        catch (JsonException)
        {
            return AllFailed(pending, "MalformedResponse", "The answer was not a PutEvents result.", retryable: true);
        }
        catch (AmazonClientException exception)
        {
            // Resolving credentials failed; an instance or container role endpoint can be briefly unreachable.
            return AllFailed(pending, "Credentials", exception.Message, retryable: true);
        }
    }

    private static List<Failure> AllFailed(IReadOnlyList<int> pending, string code, string? message, bool retryable) =>
        [.. pending.Select(index => new Failure(new FailedEventBridgeEntry(index, code, message), retryable))];

    private TimeSpan RetryDelay(int attempt) =>
        new Backoff(_options.RetryBaseDelay, _options.RetryMaxDelay).DelayWithJitter(attempt);

    private static string Describe(List<FailedEventBridgeEntry> failures, int entryCount)
    {
        var text = new StringBuilder()
            .Append("EventBridge did not accept ").Append(failures.Count).Append(" of ").Append(entryCount).Append(" entries:");
        foreach (var failure in failures.Take(FailuresNamedInMessage))
        {
            text.Append(" entry ").Append(failure.Index).Append(' ').Append(failure.ErrorCode);
            if (!string.IsNullOrEmpty(failure.ErrorMessage))
            {
                text.Append(" (").Append(failure.ErrorMessage).Append(')');
            }

            text.Append(';');
        }

        if (failures.Count > FailuresNamedInMessage)
        {
            text.Append(" and ").Append(failures.Count - FailuresNamedInMessage).Append(" more;");
        }

        return text.ToString().TrimEnd(';') + '.';
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "EventBridge did not accept {FailedCount} entries ({ErrorCode}: {ErrorMessage}) on try {Attempt} of {MaxAttempts}; trying again in {Delay}")]
    private partial void LogRetrying(int failedCount, string errorCode, string? errorMessage, int attempt, int maxAttempts, TimeSpan delay);

    private readonly record struct Failure(FailedEventBridgeEntry Entry, bool Retryable);
}
