namespace RedSail.Benchmarks.LoadSoak;

/// <summary>
/// Latencies in microseconds, log-linear buckets (exact below 64 µs, then 32 buckets per power of two: under 3 % error),
/// counted with interlocked adds. Fixed size whatever the number of requests: a 30-minute soak must not make the driver's
/// own memory grow, and many workers record into one histogram without locks.
/// </summary>
internal sealed class LatencyHistogram
{
    private const int Linear = 64;
    private const int PerOctave = 32;
    private readonly long[] _counts = new long[Linear + 40 * PerOctave];
    private long _total;

    public long Count => Interlocked.Read(ref _total);

    public void Record(TimeSpan latency)
    {
        var micros = Math.Max(0, (long)latency.TotalMicroseconds);
        Interlocked.Increment(ref _counts[Index(micros)]);
        Interlocked.Increment(ref _total);
    }

    public void Add(LatencyHistogram other)
    {
        for (var i = 0; i < _counts.Length; i++) _counts[i] += other._counts[i];
        _total += other._total;
    }

    /// <summary>The latency in milliseconds that <paramref name="quantile"/> of the requests did not exceed (bucket midpoint).</summary>
    public double Percentile(double quantile)
    {
        var total = Count;
        if (total == 0) return double.NaN;
        var rank = Math.Max(1, (long)Math.Ceiling(quantile * total));
        long seen = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            seen += _counts[i];
            if (seen >= rank) return Midpoint(i) / 1000.0;
        }
        return Midpoint(_counts.Length - 1) / 1000.0;
    }

    private static int Index(long micros)
    {
        if (micros < Linear) return (int)micros;
        var shift = 63 - (int)long.LeadingZeroCount(micros) - 5; // ≥ 1: micros >> shift is in [32, 63]
        var index = Linear + (shift - 1) * PerOctave + (int)(micros >> shift) - PerOctave;
        return Math.Min(index, Linear + 40 * PerOctave - 1);
    }

    private static double Midpoint(int index)
    {
        if (index < Linear) return index + 0.5;
        var shift = (index - Linear) / PerOctave + 1;
        var sub = (index - Linear) % PerOctave + PerOctave;
        return ((long)sub << shift) + (1L << shift) / 2.0;
    }
}
