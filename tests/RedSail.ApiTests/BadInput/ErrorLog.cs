using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace RedSail.ApiTests.BadInput;

/// <summary>The exceptions the host logs as errors, so that a fuzz failure names what was thrown, not only "500".</summary>
internal sealed class ErrorLog : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _errors = new();

    public string? Take() => _errors.TryDequeue(out var error) ? error : null;

    public ILogger CreateLogger(string categoryName) => new Logger(_errors);

    public void Dispose() { }

    private sealed class Logger(ConcurrentQueue<string> errors) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (exception is not null && logLevel >= LogLevel.Error)
                errors.Enqueue($"{exception.GetType().Name}: {exception.Message} at {exception.StackTrace?.Split('\n').FirstOrDefault()?.Trim()}");
        }
    }
}
