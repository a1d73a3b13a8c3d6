using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using RedSail.Testing;

namespace RedSail.FaultTests;

/// <summary>
/// The built RedSail host (RedSail.Host.dll) run with <c>dotnet</c> as a child process against one test database, so that a
/// scenario can kill it with SIGKILL mid-request, as a power cut or the OOM killer would, and start it again on the same
/// port (the clients' cookies and sessions survive: sessions live in the database).
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    private readonly string _database;
    private readonly string _logFile;
    private Process? _process;

    public HostProcess(string database)
    {
        _database = database;
        Port = FreePort();
        BaseAddress = new Uri($"http://127.0.0.1:{Port}");
        _logFile = Path.Combine(TestCluster.Folder, $"host-{database}.log");
    }

    public int Port { get; }
    public Uri BaseAddress { get; }
    public int Starts { get; private set; }
    public TimeSpan StartTime { get; private set; }

    /// <summary>The host's dll, built beside this project in the same configuration (the test references the host project).</summary>
    private static string HostDll
    {
        get
        {
            var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name; // bin/<Configuration>/net10.0/
            var dll = Path.Combine(Repository.Root, "Host", "RedSail.Host", "bin", configuration, "net10.0", "RedSail.Host.dll");
            return File.Exists(dll) ? dll : throw new FileNotFoundException("Build the host first (dotnet build RedSail.sln).", dll);
        }
    }

    /// <summary>Starts the host and waits until /health answers 200 (database reachable).</summary>
    /// <param name="outbox">false: the host writes events but never delivers them (a crash "between commit and delivery").</param>
    /// <param name="waitUntilHealthy">false: return once the process runs (to kill it while it starts and delivers).</param>
    public async Task StartAsync(bool outbox = true, bool waitUntilHealthy = true)
    {
        if (_process is { HasExited: false }) throw new InvalidOperationException("The host is already running.");
        var watch = Stopwatch.StartNew();
        var start = new ProcessStartInfo("dotnet", [HostDll, "run"])
        {
            WorkingDirectory = TestCluster.Folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var env = start.Environment;
        env["ConnectionStrings__RedSail"] = TestCluster.Server.ConnectionString(_database);
        env["RedSail__KeyRingPath"] = TestCluster.KeyRingPath;
        env["RedSail__DataPath"] = Path.Combine(TestCluster.Folder, "data-" + _database);
        env["Urls"] = BaseAddress.ToString();
        env["Outbox__Enabled"] = outbox ? "true" : "false";
        env["Outbox__PollInterval"] = "00:00:00.100";
        env["Outbox__FirstRetryDelay"] = "00:00:00.200";
        env["Outbox__Lease"] = "00:00:05"; // deliveries claimed by a killed host are free again after this (production: 1 min)
        env["Archives__FileStore__Path"] = Path.Combine(TestCluster.Folder, "files-" + _database);
        env["Security__SignInAttemptsPerMinutePerAddress"] = "1000";
        env["Logging__LogLevel__Default"] = "Warning";
        env["DOTNET_gcServer"] = "0";
        _process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var log = TextWriter.Synchronized(File.AppendText(_logFile));
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) log.WriteLine(e.Data); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) log.WriteLine(e.Data); };
        _process.Exited += (_, _) => log.Flush();
        _process.EnableRaisingEvents = true;
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        if (!waitUntilHealthy) return;

        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (true)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"The host exited with {_process.ExitCode} while starting; see {_logFile}.");
            try
            {
                if ((await http.GetAsync("/health")).StatusCode == HttpStatusCode.OK) break;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { }
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"The host did not become healthy in 3 minutes; see {_logFile}.");
            await Task.Delay(100);
        }
        Starts++;
        StartTime += watch.Elapsed;
    }

    /// <summary>SIGKILL: no shutdown, no flush, no finally blocks; the OS closes its sockets.</summary>
    public async Task KillAsync()
    {
        if (_process is null || _process.HasExited) return;
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    /// <summary>Kill, then start again (with delivery on, unless told otherwise).</summary>
    public async Task RestartAsync(bool outbox = true)
    {
        await KillAsync();
        await StartAsync(outbox);
    }

    public ApiClient Client() => new(BaseAddress);

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process?.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
