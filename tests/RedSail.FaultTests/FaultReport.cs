using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using RedSail.Testing;

namespace RedSail.FaultTests;

/// <summary>One scenario's figures: trials run, trials that failed (with why), and what was lost (acknowledged data missing,
/// partial writes, duplicate effects), plus counts worth reporting (e.g. how many kills found the batch there or absent).</summary>
public sealed class ScenarioReport(string name, string proves)
{
    private readonly Stopwatch _watch = Stopwatch.StartNew();
    public string Name { get; } = name;
    public string Proves { get; } = proves;
    public int Trials { get; set; }
    public List<string> Failures { get; } = [];
    public long Lost { get; set; }
    public SortedDictionary<string, long> Counts { get; } = new(StringComparer.Ordinal);
    public TimeSpan Duration { get; private set; }

    public void Count(string what, long by = 1) => Counts[what] = Counts.GetValueOrDefault(what) + by;

    public int HostStarts { get; private set; }
    public TimeSpan HostStartTime { get; private set; }

    public void Finish(int hostStarts, TimeSpan hostStartTime)
    {
        Duration = _watch.Elapsed;
        HostStarts = hostStarts;
        HostStartTime = hostStartTime;
    }
}

/// <summary>Collects the scenarios of a run and writes the report to the console and to TestResults/fault-report.md.</summary>
public static class FaultReport
{
    private static readonly ConcurrentQueue<ScenarioReport> Scenarios = new();

    /// <summary>Trials per scenario: REDSAIL_FAULT_TRIALS, else 5 (the CI short form; the full form is 50).</summary>
    public static int TrialsPerScenario { get; } =
        int.TryParse(Environment.GetEnvironmentVariable("REDSAIL_FAULT_TRIALS"), out var n) && n > 0 ? n : 5;

    public static ScenarioReport Begin(string name, string proves)
    {
        var report = new ScenarioReport(name, proves);
        Scenarios.Enqueue(report);
        return report;
    }

    public static string Render(TimeSpan total, TimeSpan setup)
    {
        var text = new StringBuilder();
        text.AppendLine($"# Fault suite report ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC)");
        text.AppendLine();
        text.AppendLine($"{TrialsPerScenario} trials per scenario (REDSAIL_FAULT_TRIALS), {Environment.ProcessorCount} cores, total {total.TotalSeconds:0} s " +
                        $"(of which {setup.TotalSeconds:0} s cluster, migrations and demo seed).");
        text.AppendLine();
        text.AppendLine("| Scenario | Trials | Failures | Lost | Duration s | Host starts (mean s) | Outcomes |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---|");
        foreach (var s in Scenarios)
            text.AppendLine($"| {s.Name} | {s.Trials} | {s.Failures.Count} | {s.Lost} | {s.Duration.TotalSeconds:0.0} | " +
                            $"{s.HostStarts} ({(s.HostStarts == 0 ? 0 : s.HostStartTime.TotalSeconds / s.HostStarts):0.0}) | " +
                            string.Join(", ", s.Counts.Select(c => $"{c.Key}: {c.Value}")) + " |");
        text.AppendLine();
        foreach (var s in Scenarios)
        {
            text.AppendLine($"- **{s.Name}**: {s.Proves}");
            foreach (var failure in s.Failures) text.AppendLine($"  - FAILED: {failure}");
        }
        return text.ToString();
    }

    public static void Write(TimeSpan total, TimeSpan setup)
    {
        var report = Render(total, setup);
        Console.WriteLine(report);
        NUnit.Framework.TestContext.Progress.WriteLine(report);
        var folder = Path.Combine(Repository.Root, "TestResults");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "fault-report.md"), report);
    }
}
