using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.Json;
using Npgsql;

namespace RedSail.BuildingBlocks.Data;

/// <summary>Raised when no PostgreSQL server binaries can be found; the message says how to get them.</summary>
public sealed class PostgresNotFoundException(string message) : Exception(message);

/// <summary>
/// A private PostgreSQL cluster made from the machine's server binaries: the embedded default of the host
/// and the throwaway clusters of the tests. Listens on loopback only, on a free port, with a generated
/// superuser password (scram-sha-256). When run as root the server runs as the <c>postgres</c> account,
/// since PostgreSQL refuses to run as root.
/// </summary>
public sealed class PostgresServer
{
    private const string Superuser = "redsail";
    private readonly string _folder;
    private readonly string _dataDirectory;
    private readonly string _binDirectory;
    private readonly string? _runAs;
    private ClusterFile _state;
    private bool _startedHere;

    private PostgresServer(string folder, string binDirectory)
    {
        _folder = Path.GetFullPath(folder);
        _binDirectory = binDirectory;
        _runAs = Environment.IsPrivilegedProcess ? "postgres" : null;
        _dataDirectory = Path.Combine(_folder, "pgdata");
        _state = new ClusterFile(0, "");
    }

    public int Port => _state.Port;
    public string LogFile => Path.Combine(_folder, "postgres.log");

    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1", Port = Port, Username = Superuser, Password = _state.Password, Database = database,
    }.ConnectionString;

    /// <summary>Creates the cluster in <paramref name="folder"/> on first use, then starts it (or adopts it if already running).</summary>
    public static async Task<PostgresServer> StartAsync(string folder, IReadOnlyDictionary<string, string>? settings = null)
    {
        var server = new PostgresServer(folder, FindBinaries());
        await server.InitializeAsync(settings ?? new Dictionary<string, string>());
        await server.StartAsync();
        return server;
    }

    public static string FindBinaries()
    {
        var candidates = new List<string>();
        var configured = Environment.GetEnvironmentVariable("REDSAIL_PG_BIN");
        if (!string.IsNullOrEmpty(configured)) candidates.Add(configured);
        if (Directory.Exists("/usr/lib/postgresql"))
            candidates.AddRange(Directory.GetDirectories("/usr/lib/postgresql")
                .Select(d => (Dir: Path.Combine(d, "bin"), Version: int.TryParse(Path.GetFileName(d), out var v) ? v : 0))
                .Where(d => d.Version >= 15).OrderByDescending(d => d.Version).Select(d => d.Dir));
        candidates.AddRange((Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator));
        return candidates.FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")))
            ?? throw new PostgresNotFoundException(
                "找不到 PostgreSQL 服务器程序（initdb、pg_ctl）。请安装 PostgreSQL 15 或更高版本（Debian/Ubuntu：apt-get install -y postgresql），" +
                "或设置 REDSAIL_PG_BIN 指向其 bin 目录；也可设置 ConnectionStrings__RedSail 使用已有的数据库服务器。\n" +
                "PostgreSQL server binaries (initdb, pg_ctl) were not found. Install PostgreSQL 15+ (Debian/Ubuntu: apt-get install -y postgresql), " +
                "set REDSAIL_PG_BIN to its bin folder, or set ConnectionStrings__RedSail to use an existing server.");
    }

    private async Task InitializeAsync(IReadOnlyDictionary<string, string> settings)
    {
        Directory.CreateDirectory(_folder);
        var stateFile = Path.Combine(_folder, "cluster.json");
        if (File.Exists(Path.Combine(_dataDirectory, "PG_VERSION")) && File.Exists(stateFile))
        {
            _state = JsonSerializer.Deserialize<ClusterFile>(await File.ReadAllTextAsync(stateFile))!;
            return;
        }
        if (Directory.Exists(_dataDirectory)) Directory.Delete(_dataDirectory, recursive: true); // a half-made cluster from an interrupted first start
        Directory.CreateDirectory(_dataDirectory);
        _state = new ClusterFile(0, Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant());
        var passwordFile = Path.Combine(_folder, "pwfile");
        await File.WriteAllTextAsync(passwordFile, _state.Password);
        try
        {
            await HandOverToServerAccountAsync(_dataDirectory, passwordFile);
            await RunAsync("initdb", "-D", _dataDirectory, "-U", Superuser, "--pwfile=" + passwordFile, "--auth=scram-sha-256",
                "-E", "UTF8", "--locale=C.UTF-8", "--no-instructions");
        }
        finally
        {
            File.Delete(passwordFile);
        }
        var conf = new Dictionary<string, string>
        {
            ["listen_addresses"] = "'127.0.0.1'",
            ["unix_socket_directories"] = "''",
            ["fsync"] = "on",
            ["synchronous_commit"] = "on",
            ["full_page_writes"] = "on",
            ["max_connections"] = "200",
            ["shared_buffers"] = "'256MB'",
            ["timezone"] = "'UTC'",
        };
        foreach (var (key, value) in settings) conf[key] = value;
        await File.AppendAllLinesAsync(Path.Combine(_dataDirectory, "postgresql.auto.conf"), conf.Select(kv => $"{kv.Key} = {kv.Value}"));
        await File.WriteAllTextAsync(stateFile, JsonSerializer.Serialize(_state));
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(stateFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        await HandOverToServerAccountAsync(_dataDirectory);
    }

    private async Task StartAsync()
    {
        if (await IsRunningAsync())
        {
            // Adopt a server left running (e.g. by a host that was killed); its port is in postmaster.pid.
            var lines = await ReadPidFileAsync();
            _state = _state with { Port = int.Parse(lines[3]) };
            return;
        }
        var port = _state.Port != 0 && IsFree(_state.Port) ? _state.Port : FreePort();
        _state = _state with { Port = port };
        await File.WriteAllTextAsync(Path.Combine(_folder, "cluster.json"), JsonSerializer.Serialize(_state));
        if (_runAs is not null && !File.Exists(LogFile)) { await File.WriteAllTextAsync(LogFile, ""); await HandOverToServerAccountAsync(LogFile); }
        await RunAsync("pg_ctl", "-D", _dataDirectory, "-l", LogFile, "-w", "-t", "120", "-o", $"-p {port}", "start");
        _startedHere = true;
    }

    /// <summary>Stops the server if this process started it (a CLI verb beside a running host leaves it alone).</summary>
    public async Task StopAsync()
    {
        NpgsqlConnection.ClearAllPools(); // pooled connections would point at a server that is gone
        if (_startedHere && await IsRunningAsync())
            await RunAsync("pg_ctl", "-D", _dataDirectory, "-m", "fast", "-w", "-t", "60", "stop");
    }

    /// <summary>Stops the server at once, as a power cut would (for fault tests).</summary>
    public Task StopImmediatelyAsync() => RunAsync("pg_ctl", "-D", _dataDirectory, "-m", "immediate", "-w", "stop");

    private async Task<bool> IsRunningAsync()
    {
        if (!File.Exists(Path.Combine(_dataDirectory, "postmaster.pid"))) return false;
        var (code, _) = await ExecAsync("pg_ctl", "-D", _dataDirectory, "status");
        return code == 0;
    }

    private async Task<string[]> ReadPidFileAsync() => await File.ReadAllLinesAsync(Path.Combine(_dataDirectory, "postmaster.pid"));

    /// <summary>As root, the data folder must belong to the account the server runs as.</summary>
    private async Task HandOverToServerAccountAsync(params string[] paths)
    {
        if (_runAs is null || OperatingSystem.IsWindows()) return;
        var (code, output) = await ExecRawAsync("chown", ["-R", $"{_runAs}:", .. paths]);
        if (code != 0) throw new InvalidOperationException($"chown failed: {output}");
        // The server account must be able to reach the data folder through its parents.
        for (var dir = Path.GetDirectoryName(_dataDirectory); dir is not null && dir != "/"; dir = Path.GetDirectoryName(dir))
        {
            var mode = File.GetUnixFileMode(dir);
            if (!mode.HasFlag(UnixFileMode.OtherExecute)) File.SetUnixFileMode(dir, mode | UnixFileMode.OtherExecute);
        }
    }

    private async Task RunAsync(string tool, params string[] args)
    {
        var (code, output) = await ExecAsync(tool, args);
        if (code != 0)
        {
            var log = File.Exists(LogFile) ? string.Join('\n', (await File.ReadAllLinesAsync(LogFile)).TakeLast(20)) : "";
            throw new InvalidOperationException($"{tool} failed (exit {code}): {output}\n{log}");
        }
    }

    private Task<(int Code, string Output)> ExecAsync(string tool, params string[] args)
    {
        var path = Path.Combine(_binDirectory, tool);
        return _runAs is null ? ExecRawAsync(path, args) : ExecRawAsync("runuser", ["-u", _runAs, "--", path, .. args]);
    }

    private static async Task<(int Code, string Output)> ExecRawAsync(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["LC_ALL"] = "C.UTF-8";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, (await stdout) + (await stderr));
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException) { return false; }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed record ClusterFile(int Port, string Password);
}
