using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace UserManagement.Tests.Infrastructure;

/// <summary>Keeps every log line, with its level and structured values, so tests can search them.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<CapturedLogLine> _entries = new();

    public IReadOnlyList<string> Lines => [.. _entries.Select(e => e.Text)];

    public IReadOnlyList<CapturedLogLine> Entries => [.. _entries];

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(categoryName, _entries);

    public void Dispose()
    {
    }

    private sealed class CapturingLogger(string category, ConcurrentQueue<CapturedLogLine> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(' ', pairs.Select(p => $"{p.Key}={p.Value}")) : "";
            entries.Enqueue(new CapturedLogLine(logLevel, $"{category} {formatter(state, exception)} {values} {exception}"));
        }
    }
}

/// <summary>One line a host logged, as <see cref="CapturingLoggerProvider.Lines"/> has it, with its level.</summary>
public sealed record CapturedLogLine(LogLevel Level, string Text);
