using System.Diagnostics;

/// <summary>
/// Processor time spent so far by this process (the host, in process) and by every PostgreSQL process of the machine (the
/// benchmark's cluster is the only one running), read from /proc: where a phase's core time went. Backends that exit during a
/// phase take their time with them; the pools keep theirs open.
/// </summary>
internal readonly record struct CpuTime(TimeSpan Host, TimeSpan Postgres)
{
    private const double TicksPerSecond = 100; // USER_HZ on Linux

    public static CpuTime Now()
    {
        var postgres = 0.0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var close = stat.LastIndexOf(')');
                if (stat[(stat.IndexOf('(') + 1)..close] != "postgres") continue;
                var fields = stat[(close + 2)..].Split(' '); // from the state on: utime and stime are the 12th and 13th
                postgres += (double.Parse(fields[11]) + double.Parse(fields[12])) / TicksPerSecond;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
            {
                // a process that ended meanwhile, or one that is not readable
            }
        }
        return new CpuTime(Process.GetCurrentProcess().TotalProcessorTime, TimeSpan.FromSeconds(postgres));
    }

    public static CpuTime operator -(CpuTime end, CpuTime start) => new(end.Host - start.Host, end.Postgres - start.Postgres);
}
