using System.Collections.Concurrent;

namespace RedSail.Benchmarks.LoadSoak;

/// <summary>What one stage (or one minute of the soak) saw: per call kind a latency histogram, and every failure by its status
/// ("409", "500", "timeout", "HttpRequestException" …). Kinds are fixed up front, so recording takes no lock.</summary>
internal sealed class Recorder(IReadOnlyList<string> kinds)
{
    private readonly LatencyHistogram[] _latencies = kinds.Select(_ => new LatencyHistogram()).ToArray();
    private readonly ConcurrentDictionary<(int Kind, string Status), long> _failures = new();
    private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();
    private TimeSpan? _elapsed;

    public IReadOnlyList<string> Kinds { get; } = kinds;

    public void Record(int kind, TimeSpan latency, string? failure)
    {
        _latencies[kind].Record(latency);
        if (failure is not null) _failures.AddOrUpdate((kind, failure), 1, (_, n) => n + 1);
    }

    /// <summary>Stops the clock: requests still in flight afterwards are recorded but the throughput is over this span.</summary>
    public void Close(TimeSpan? elapsed = null) => _elapsed ??= elapsed ?? _clock.Elapsed;

    /// <summary>Adds a finished recording (one minute) into this one (the stage).</summary>
    public void Merge(Recorder other)
    {
        for (var i = 0; i < _latencies.Length; i++) _latencies[i].Add(other._latencies[i]);
        foreach (var (key, count) in other._failures) _failures.AddOrUpdate(key, count, (_, n) => n + count);
    }

    public double Throughput => Overall().Count / Elapsed.TotalSeconds;

    public TimeSpan Elapsed => _elapsed ?? _clock.Elapsed;
    public LatencyHistogram Latencies(int kind) => _latencies[kind];
    public long Failures(int kind) => _failures.Where(f => f.Key.Kind == kind).Sum(f => f.Value);
    public long TotalFailures => _failures.Values.Sum();

    /// <summary>Failures by status over all kinds, e.g. "409 × 3 (edit person)".</summary>
    public IEnumerable<string> FailureSummary() => _failures
        .GroupBy(f => f.Key.Status)
        .OrderByDescending(g => g.Sum(f => f.Value))
        .Select(g => $"{g.Key} × {g.Sum(f => f.Value):N0} ({string.Join(", ", g.Select(f => $"{Kinds[f.Key.Kind]} {f.Value:N0}"))})");

    public LatencyHistogram Overall()
    {
        var all = new LatencyHistogram();
        foreach (var histogram in _latencies) all.Add(histogram);
        return all;
    }
}
