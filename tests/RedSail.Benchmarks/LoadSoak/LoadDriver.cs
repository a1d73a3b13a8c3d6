using System.Net;

namespace RedSail.Benchmarks.LoadSoak;

/// <summary>
/// Closed-loop load over N connections: N workers, each sends its next call when the previous one has answered, through one
/// SocketsHttpHandler allowed N connections (so N workers hold N keep-alive connections). Cookies are sent as headers per
/// session (no cookie container shared between users). Bounded: every stage stops by itself at its deadline, and only
/// loopback addresses are ever targeted.
/// </summary>
internal sealed class LoadDriver : IDisposable
{
    private readonly HttpClient _http;
    private readonly IReadOnlyList<string> _kindNames;
    private Recorder _current;

    public LoadDriver(Uri baseAddress, int connections)
    {
        if (!IPAddress.IsLoopback(IPAddress.Parse(baseAddress.Host))) throw new ArgumentException("The load driver only targets loopback addresses.");
        _http = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = connections, UseCookies = false, AllowAutoRedirect = false,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            ConnectTimeout = TimeSpan.FromSeconds(10),
        })
        {
            BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60),
        };
        _kindNames = Workload.Kinds.Select(k => k.Name).ToList();
        _current = new Recorder(_kindNames);
    }

    /// <summary>Runs the mix for <paramref name="duration"/> with <paramref name="connections"/> workers spread over the sessions
    /// (one in four on the first session, the committee, the rest round-robin over the secretaries).</summary>
    public Task<Recorder> RunMixAsync(IReadOnlyList<Session> sessions, int connections, TimeSpan duration, DateOnly today,
        Action<Recorder>? everyWindow = null, TimeSpan? window = null) =>
        RunAsync(connections, duration, everyWindow, window ?? TimeSpan.FromMinutes(1), (worker, random) =>
        {
            var session = worker % 4 == 0 || sessions.Count == 1 ? sessions[0] : sessions[1 + worker % (sessions.Count - 1)];
            var total = Workload.Kinds.Sum(k => k.Weight);
            return () =>
            {
                var pick = random.Next(total);
                var kind = 0;
                while (pick >= Workload.Kinds[kind].Weight) pick -= Workload.Kinds[kind++].Weight;
                return Workload.Kinds[kind].Run(new Call(_http, session, random, () => Volatile.Read(ref _current), today, kind));
            };
        });

    /// <summary>Every kind <paramref name="rounds"/> times per session, one call at a time (no load): a recording per session.</summary>
    public async Task<IReadOnlyList<Recorder>> ProbeAsync(IReadOnlyList<Session> sessions, DateOnly today, int rounds)
    {
        var random = new Random(1);
        var perSession = new List<Recorder>();
        foreach (var session in sessions)
        {
            var probe = new Recorder(_kindNames);
            Volatile.Write(ref _current, probe);
            for (var round = 0; round < rounds; round++)
                for (var kind = 0; kind < Workload.Kinds.Count; kind++)
                    await Workload.Kinds[kind].Run(new Call(_http, session, random, () => Volatile.Read(ref _current), today, kind));
            perSession.Add(probe);
        }
        return perSession;
    }

    /// <summary>One GET whose path each call chooses (the bare stack), recorded under kind 0.</summary>
    public Task<Recorder> RunGetAsync(Func<Random, string> path, int connections, TimeSpan duration) =>
        RunAsync(connections, duration, null, duration, (_, random) => async () =>
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            string? failure = null;
            try
            {
                using var response = await _http.GetAsync(path(random), HttpCompletionOption.ResponseContentRead);
                await response.Content.ReadAsByteArrayAsync();
                if (!response.IsSuccessStatusCode) failure = ((int)response.StatusCode).ToString();
            }
            catch (TaskCanceledException) { failure = "timeout"; }
            catch (HttpRequestException e) { failure = e.HttpRequestError.ToString(); }
            Volatile.Read(ref _current).Record(0, System.Diagnostics.Stopwatch.GetElapsedTime(started), failure);
        });

    /// <summary>The stage's whole recording; with <paramref name="everyWindow"/>, also a fresh recorder per window (a minute)
    /// handed over when its window ends (the soak's flatness).</summary>
    private async Task<Recorder> RunAsync(int connections, TimeSpan duration, Action<Recorder>? everyWindow, TimeSpan window,
        Func<int, Random, Func<Task>> workerFor)
    {
        var stage = new Recorder(_kindNames);
        Volatile.Write(ref _current, new Recorder(_kindNames));
        var deadline = DateTime.UtcNow + duration;
        var workers = Enumerable.Range(0, connections).Select(worker => Task.Run(async () =>
        {
            var next = workerFor(worker, new Random(worker * 7919 + connections));
            while (DateTime.UtcNow < deadline) await next();
        })).ToArray();
        var all = Task.WhenAll(workers);
        // Windows: the finished one is merged into the stage's recording and handed over, while workers record into the next.
        var windowStarted = DateTime.UtcNow;
        while (await Task.WhenAny(all, Task.Delay(everyWindow is null ? duration + TimeSpan.FromMinutes(5) : window)) != all)
        {
            // A call is recorded in the window in which it answered.
            var finished = Interlocked.Exchange(ref _current, new Recorder(_kindNames));
            windowStarted = DateTime.UtcNow;
            finished.Close();
            stage.Merge(finished);
            everyWindow?.Invoke(finished);
        }
        await all;
        var last = Volatile.Read(ref _current);
        stage.Merge(last);
        // The last window is reported only if it had load for a good part of it, not if it is only the calls still answering
        // after the deadline; its throughput is over its time under load.
        var underLoad = deadline - windowStarted;
        last.Close(underLoad);
        if (underLoad > window / 3) everyWindow?.Invoke(last);
        stage.Close(duration);
        return stage;
    }

    public void Dispose() => _http.Dispose();
}
