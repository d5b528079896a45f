using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace UserManagement.Tests.Ingest;

/// <summary>Keeps every formatted log line, exception included, so a test can check what a host wrote.</summary>
public sealed class RecordingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<(string Category, string Line)> _lines = new();

    public IEnumerable<string> Messages => _lines.Select(entry => entry.Line);

    public IEnumerable<string> MessagesOf(string categoryPrefix) =>
        _lines.Where(entry => entry.Category.StartsWith(categoryPrefix, StringComparison.Ordinal)).Select(entry => entry.Line);

    public ILogger CreateLogger(string categoryName) => new RecordingLogger(categoryName, _lines);

    public void Dispose()
    {
    }

    private sealed class RecordingLogger(string category, ConcurrentQueue<(string Category, string Line)> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue((category, $"{formatter(state, exception)} {exception}"));
    }
}
