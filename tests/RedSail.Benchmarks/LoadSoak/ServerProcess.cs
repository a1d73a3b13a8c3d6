using System.Diagnostics;
using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RedSail.Host.Startup;
using RedSail.Testing;

namespace RedSail.Benchmarks.LoadSoak;

/// <summary>
/// The server under load runs in a process of its own (this benchmark's binary started again with <c>--serve-host</c> or
/// <c>--serve-bare</c>), so that its RSS and GC heap are its own and not the load driver's. The RedSail host is built by the
/// production composition root (<see cref="RedSailApp"/>, as RedSail.Host does) from the settings in its environment; the
/// only addition is a reporter that prints the process's memory to stdout every few seconds. The parent stops the child
/// by closing its stdin.
/// </summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private const string ListeningPrefix = "listening ";
    private const string MemoryPrefix = "memory ";
    private readonly Process _process;
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _linesShown;

    private ServerProcess(Process process) => _process = process;

    public Uri BaseAddress => _listening.Task.Result;
    public int ProcessId => _process.Id;

    /// <summary>The child's latest report: managed heap in use, heap size after the last GC, and collection counts.</summary>
    public MemoryReport? LastMemory { get; private set; }

    /// <summary>Resident set size read from /proc (independent of the child's own report).</summary>
    public long ResidentBytes()
    {
        foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
        return 0;
    }

    public static async Task<ServerProcess> StartAsync(string mode, IReadOnlyDictionary<string, string> environment)
    {
        var entry = Assembly.GetEntryAssembly()!.Location;
        var self = Environment.ProcessPath!;
        var start = Path.GetFileNameWithoutExtension(self) == "dotnet"
            ? new ProcessStartInfo(self) { ArgumentList = { entry, mode } }
            : new ProcessStartInfo(self) { ArgumentList = { mode } };
        start.RedirectStandardInput = true;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        foreach (var (key, value) in environment) start.Environment[key] = value;
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start " + self);
        var server = new ServerProcess(process);
        process.OutputDataReceived += (_, e) => server.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => server.Show(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var started = await Task.WhenAny(server._listening.Task, process.WaitForExitAsync(), Task.Delay(TimeSpan.FromMinutes(3)));
        if (started != server._listening.Task)
        {
            await server.DisposeAsync();
            throw new InvalidOperationException($"The {mode} process did not start listening (see its output above).");
        }
        return server;
    }

    private void OnLine(string? line)
    {
        if (line is null) return;
        if (line.StartsWith(ListeningPrefix, StringComparison.Ordinal)) _listening.TrySetResult(new Uri(line[ListeningPrefix.Length..]));
        else if (line.StartsWith(MemoryPrefix, StringComparison.Ordinal)) LastMemory = MemoryReport.Parse(line[MemoryPrefix.Length..]);
        else Show(line);
    }

    /// <summary>The child's other output (warnings, errors) is shown, up to a limit: a failing endpoint under load could print thousands.</summary>
    private void Show(string? line)
    {
        if (string.IsNullOrWhiteSpace(line)) return;
        var shown = Interlocked.Increment(ref _linesShown);
        if (shown <= 40) Console.WriteLine("    [server] " + line);
        else if (shown == 41) Console.WriteLine("    [server] … (further server output not shown)");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.StandardInput.Close();
            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try { await _process.WaitForExitAsync(patience.Token); }
            catch (OperationCanceledException) { _process.Kill(entireProcessTree: true); }
        }
        _process.Dispose();
    }

    // ---- the child's side ----

    /// <summary>In the child: the RedSail host from the settings in the environment (ConnectionStrings__RedSail, RedSail__KeyRingPath …).</summary>
    public static async Task<int> ServeRedSailAsync()
    {
        var repository = Repository.Root;
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ContentRootPath = Path.Combine(repository, "Host", "RedSail.Host"),
            WebRootPath = Path.Combine(repository, "Host", "RedSail.Host", "wwwroot"),
        });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddHostedService<MemoryReporter>();
        await using var database = await DatabaseBootstrap.PrepareAsync(builder.Configuration, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        var app = RedSailApp.Build(builder, database);
        await ServeUntilStdinClosesAsync(app);
        return 0;
    }

    /// <summary>In the child: the bare stack (<see cref="BareStack"/>) on the connection string in BARE_CONNECTION_STRING.</summary>
    public static async Task<int> ServeBareAsync()
    {
        await using var bare = await BareStack.StartAsync(Environment.GetEnvironmentVariable("BARE_CONNECTION_STRING")!,
            services => services.AddHostedService<MemoryReporter>());
        Console.WriteLine(ListeningPrefix + bare.BaseAddress);
        await Console.In.ReadToEndAsync();
        return 0;
    }

    private static async Task ServeUntilStdinClosesAsync(WebApplication app)
    {
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Console.WriteLine(ListeningPrefix + address.Replace("[::]", "127.0.0.1"));
        await Console.In.ReadToEndAsync();
        await app.StopAsync();
        await app.DisposeAsync();
    }

    /// <summary>
    /// Prints the process's memory every 2 seconds for the parent. Once a minute it first forces a full compacting collection:
    /// the heap after a gen-0 collection still holds older garbage that waits for a rare full one, so only the live bytes
    /// after a full collection tell a leak from garbage (one pause a minute, tens of milliseconds, is the price).
    /// </summary>
    private sealed class MemoryReporter : BackgroundService
    {
        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            using var timer = new PeriodicTimer(TimeSpan.FromSeconds(2));
            long live = -1;
            var tick = 0;
            try
            {
                do
                {
                    if (++tick % 30 == 0)
                    {
                        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
                        live = GC.GetTotalMemory(false);
                    }
                    var info = GC.GetGCMemoryInfo();
                    Console.WriteLine($"{MemoryPrefix}{GC.GetTotalMemory(false)} {info.HeapSizeBytes} {GC.CollectionCount(0)} {GC.CollectionCount(1)} {GC.CollectionCount(2)} {live}");
                } while (await timer.WaitForNextTickAsync(stoppingToken));
            }
            catch (OperationCanceledException) { }
        }
    }
}

/// <summary>A child's memory as it reported it; <see cref="LiveBytes"/>: after the last forced full collection (null before the first).</summary>
internal sealed record MemoryReport(long ManagedBytes, long HeapAfterLastGcBytes, int Gen0, int Gen1, int Gen2, long? LiveBytes)
{
    public static MemoryReport Parse(string text)
    {
        var parts = text.Split(' ');
        var live = long.Parse(parts[5]);
        return new MemoryReport(long.Parse(parts[0]), long.Parse(parts[1]), int.Parse(parts[2]), int.Parse(parts[3]), int.Parse(parts[4]), live < 0 ? null : live);
    }
}
