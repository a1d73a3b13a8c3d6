namespace RedSail.Benchmarks.LoadSoak;

/// <summary>The load and soak figures as Markdown tables (docs/benchmarks.md, "Load and soak").</summary>
internal static class LoadSoakReport
{
    public static void Print(IReadOnlyList<(int Connections, Recorder Result, long Rss, MemoryReport? Memory)> mix,
        IReadOnlyList<(int Connections, Recorder Result)> bare,
        IReadOnlyList<(int Window, Recorder Result, long Rss, MemoryReport? Memory)> soak, Recorder? soakTotal, int seconds, int soakConnections,
        TimeSpan window)
    {
        var weights = Workload.Kinds.Sum(k => k.Weight);
        foreach (var (connections, result, _, _) in mix)
        {
            Console.WriteLine();
            Console.WriteLine($"| Call ({connections} connections, {seconds} s) | share | requests | req/s | p50 ms | p99 ms | p99.9 ms | failures |");
            Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
            for (var kind = 0; kind < Workload.Kinds.Count; kind++)
            {
                var latencies = result.Latencies(kind);
                Console.WriteLine($"| {Workload.Kinds[kind].Name} | {100.0 * Workload.Kinds[kind].Weight / weights:0} % | {latencies.Count:N0} | " +
                                  $"{latencies.Count / result.Elapsed.TotalSeconds:N0} | {Row(latencies)} | {result.Failures(kind):N0} |");
            }
            var all = result.Overall();
            Console.WriteLine($"| **all** | 100 % | {all.Count:N0} | **{result.Throughput:N0}** | {Row(all)} | **{result.TotalFailures:N0}** |");
            foreach (var line in result.FailureSummary()) Console.WriteLine($"Failures: {line}");
        }

        Console.WriteLine();
        Console.WriteLine("| Connections | RedSail mix req/s | p50 / p99 / p99.9 ms | failures | host RSS MB | bare req/s | bare p50 / p99 / p99.9 ms | bare failures | req/s ÷ bare | p99 ÷ bare |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var (connections, result, rss, _) in mix)
        {
            var b = bare.First(x => x.Connections == connections).Result;
            var all = result.Overall();
            var bareAll = b.Overall();
            Console.WriteLine($"| {connections} | {result.Throughput:N0} | {Slashed(all)} | {result.TotalFailures:N0} | {LoadSoakBenchmark.Mb(rss)} | " +
                              $"{b.Throughput:N0} | {Slashed(bareAll)} | {b.TotalFailures:N0} | **{result.Throughput / b.Throughput:0.00}** | " +
                              $"**{all.Percentile(0.99) / bareAll.Percentile(0.99):0.0}** |");
        }

        if (soak.Count == 0) return;
        Console.WriteLine();
        Console.WriteLine($"| Soak, end of window ({window.TotalSeconds:0} s windows, {soakConnections} connections) | req/s | p50 ms | p99 ms | p99.9 ms | failures | host RSS MB | GC heap in use MB | heap after last GC MB | live heap after forced full GC MB | gen 0 / 1 / 2 GCs so far |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var (index, result, rss, memory) in soak)
            Console.WriteLine($"| {TimeSpan.FromTicks(window.Ticks * index):mm\\:ss} | {result.Throughput:N0} | {Row(result.Overall())} | {result.TotalFailures:N0} | {LoadSoakBenchmark.Mb(rss)} | " +
                              $"{LoadSoakBenchmark.Mb(memory?.ManagedBytes)} | {LoadSoakBenchmark.Mb(memory?.HeapAfterLastGcBytes)} | {LoadSoakBenchmark.Mb(memory?.LiveBytes)} | " +
                              $"{memory?.Gen0} / {memory?.Gen1} / {memory?.Gen2} |");
        var (first, last) = (soak[0], soak[^1]);
        // Per call, which kinds the change over the soak comes from (a flat total can hide one call growing slower).
        Console.WriteLine();
        Console.WriteLine("| Soak, per call | first window req/s | p50 ms | p99 ms | last window req/s | p50 ms | p99 ms |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        for (var kind = 0; kind < Workload.Kinds.Count; kind++)
        {
            var (a, b) = (first.Result.Latencies(kind), last.Result.Latencies(kind));
            Console.WriteLine($"| {Workload.Kinds[kind].Name} | {a.Count / first.Result.Elapsed.TotalSeconds:N1} | {a.Percentile(0.5):0.0} | {a.Percentile(0.99):0.0} | " +
                              $"{b.Count / last.Result.Elapsed.TotalSeconds:N1} | {b.Percentile(0.5):0.0} | {b.Percentile(0.99):0.0} |");
        }
        Console.WriteLine($"Soak, first → last window: req/s {first.Result.Throughput:N0} → {last.Result.Throughput:N0}, " +
                          $"p99 {first.Result.Overall().Percentile(0.99):0.0} → {last.Result.Overall().Percentile(0.99):0.0} ms, " +
                          $"RSS {LoadSoakBenchmark.Mb(first.Rss)} → {LoadSoakBenchmark.Mb(last.Rss)} MB, " +
                          $"heap after GC {LoadSoakBenchmark.Mb(first.Memory?.HeapAfterLastGcBytes)} → {LoadSoakBenchmark.Mb(last.Memory?.HeapAfterLastGcBytes)} MB, " +
                          $"live heap after full GC {LoadSoakBenchmark.Mb(first.Memory?.LiveBytes)} → {LoadSoakBenchmark.Mb(last.Memory?.LiveBytes)} MB");
        if (soakTotal is not null)
        {
            Console.WriteLine($"Soak overall: {soakTotal.Overall().Count:N0} requests, {soakTotal.TotalFailures:N0} failures");
            foreach (var line in soakTotal.FailureSummary()) Console.WriteLine($"Soak failures: {line}");
        }
    }

    /// <summary>Each call alone (one connection, no other load): the committee's median, and the secretaries' median over their calls.</summary>
    public static void PrintUnloaded(IReadOnlyList<Recorder> perSession)
    {
        Console.WriteLine();
        Console.WriteLine("| Call, one at a time (no load) | committee p50 ms | committee max ms | secretaries p50 ms | secretaries max ms |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        var secretaries = new Recorder(perSession[0].Kinds);
        foreach (var recorder in perSession.Skip(1)) secretaries.Merge(recorder);
        for (var kind = 0; kind < Workload.Kinds.Count; kind++)
            Console.WriteLine($"| {Workload.Kinds[kind].Name} | {perSession[0].Latencies(kind).Percentile(0.5):0.0} | {perSession[0].Latencies(kind).Percentile(1):0.0} | " +
                              $"{secretaries.Latencies(kind).Percentile(0.5):0.0} | {secretaries.Latencies(kind).Percentile(1):0.0} |");
    }

    private static string Row(LatencyHistogram h) => $"{h.Percentile(0.50):0.0} | {h.Percentile(0.99):0.0} | {h.Percentile(0.999):0.0}";
    private static string Slashed(LatencyHistogram h) => $"{h.Percentile(0.50):0.0} / {h.Percentile(0.99):0.0} / {h.Percentile(0.999):0.0}";
}
