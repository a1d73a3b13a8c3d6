using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using RedSail.Modules.Personnel.Contracts;
using RedSail.Platform.Access;
using RedSail.Testing;

// dotnet run -c Release --project tests/RedSail.Benchmarks -- [--people 1000000] [--clients 32] [--seconds 15] [--warmup 3]
//     [--import-rows 100000] [--no-list] [--workflow] [--analytics [--analytics-events 20000] [--rebuild-people 100000]] [--statements]
//     (--statements: pg_stat_statements on, the analytics event phase printed statement by statement;
//     --hold: keep the cluster and wait to be killed at the end, for psql)
// dotnet run -c Release --project tests/RedSail.Benchmarks -- --archives [--docs 100000] [--doc-kb 10] [--clients 16]: the archive's
//     Chinese full-text search alone (ArchivesBenchmark.cs) on a fresh database, without the people benchmarks.
// One run: throwaway cluster → seed --scale N (timed) → real host (pool 4 per module) → people list per scope under load
// → the bare stack (Kestrel + Npgsql + Dapper, one indexed page query) on the same data under the same load → ratios
// → the people import of an --import-rows xlsx (upload → preview → commit) beside a raw binary COPY of the same rows.
// dotnet run -c Release --project tests/RedSail.Benchmarks -- --people 1000000 --load [--connections 16,64,256] [--seconds 60] [--warmup 10]
//     [--soak-minutes 30] [--soak-connections 64] [--soak-window-seconds 60] [--secretaries 8]: the web UI's mix of calls against the host in a process of its own,
//     then a soak, then the bare stack at the same connection counts (LoadSoak/).
// The load benchmark starts its servers as processes of this binary: --serve-host (the RedSail host), --serve-bare (the bare stack).
if (args.FirstOrDefault() == "--serve-host") return await RedSail.Benchmarks.LoadSoak.ServerProcess.ServeRedSailAsync();
if (args.FirstOrDefault() == "--serve-bare") return await RedSail.Benchmarks.LoadSoak.ServerProcess.ServeBareAsync();

var people = IntOption("--people", 1_000_000);
var clients = IntOption("--clients", 32);
var seconds = IntOption("--seconds", 15);
var warmup = IntOption("--warmup", 3);
var importRows = IntOption("--import-rows", 100_000);
var list = !args.Contains("--no-list");
var workflow = args.Contains("--workflow");
var analytics = args.Contains("--analytics");
StatementProfile.On = args.Contains("--statements");
const int seedOfData = 20190701; // SeedScaleData's default: the import continues its sequence

Console.WriteLine($"RedSail benchmark: {people:N0} people, {clients} clients, {seconds} s per scenario (+{warmup} s warm-up)");
await TestCluster.StartAsync(new Dictionary<string, string>
{
    // As the baseline's server (shared/baseline/README.md), except durability, which a throwaway cluster does not need.
    ["shared_buffers"] = "'1GB'", ["effective_cache_size"] = "'8GB'", ["work_mem"] = "'16MB'", ["maintenance_work_mem"] = "'512MB'",
    ["max_wal_size"] = "'8GB'", ["checkpoint_timeout"] = "'30min'",
}.Concat(StatementProfile.On
    ? new Dictionary<string, string> { ["shared_preload_libraries"] = "'pg_stat_statements'", ["pg_stat_statements.track_planning"] = "on" }
    : []).ToDictionary());
try
{
    var database = await TestCluster.CreateDatabaseAsync();
    await using var host = await TestHost.StartAsync(database, new Dictionary<string, string?>
    {
        ["RedSail:Database:MaxPoolSizePerModule"] = "4",
        ["Logging:LogLevel:Default"] = "Error",
        // The analytics benchmark folds count deltas itself, to time the fold apart from the event path.
        ["Analytics:FoldCountDeltas"] = analytics ? "false" : "true",
    });

    if (args.Contains("--archives"))
    {
        await ArchivesBenchmark.RunAsync(host, IntOption("--docs", 100_000), IntOption("--doc-kb", 10), IntOption("--clients", 16), warmup, seconds);
        return 0;
    }

    var seed = Stopwatch.StartNew();
    // The import continues the seeded people's sequence: it needs the same seed and the same "today" (a run across
    // midnight in the institution's time zone would otherwise generate other ID numbers, some already taken).
    var dataDate = host.Services.GetRequiredService<RedSail.BuildingBlocks.IClock>().Today;
    var seeded = await host.SendAsync(new SeedScaleData(people, seedOfData, dataDate));
    seed.Stop();
    var analyze = Stopwatch.StartNew();
    Console.WriteLine($"Seeded {seeded.Organizations:N0} organisations + {seeded.People:N0} people in {seed.Elapsed.TotalSeconds:0.0} s");
    foreach (var table in new[] { "organization", "organization_people", "person", "person_change" }) await host.ExecuteAsync($"vacuum analyze personnel.{table}");
    // A vacuum marks pages all-visible only if no transaction older than the load is still running; the host's background
    // work can hold one for a moment. Index-only scans (and the planner's choice of them) need the mark: vacuum again until
    // it is set, as autovacuum would on a quiet system.
    for (var attempt = 0; attempt < 5 && await host.ScalarAsync<bool>(
             "select relallvisible < relpages * 0.9 from pg_class where oid = 'personnel.person'::regclass"); attempt++)
    {
        await Task.Delay(1000);
        foreach (var table in new[] { "organization", "person" }) await host.ExecuteAsync($"vacuum analyze personnel.{table}");
    }
    analyze.Stop();

    var version = await host.ScalarAsync<string>("show server_version");
    var sharedBuffers = await host.ScalarAsync<string>("show shared_buffers");
    var personSize = await host.ScalarAsync<string>("select pg_size_pretty(pg_total_relation_size('personnel.person'))");
    var root = (await host.ScalarAsync<Guid>("select id from personnel.organization where code = 'SC'"))!;
    var region = (await host.ScalarAsync<Guid>("select id from personnel.organization where code = 'SC-R1'"))!;
    var branch = (await host.ScalarAsync<Guid>("select id from personnel.organization where code = 'SC-B1'"))!;
    var regionPeople = await host.ScalarAsync<long>("""
        select count(*) from personnel.person p join personnel.organization o on o.id = p.organization_id
        where o.path <@ (select path from personnel.organization where code = 'SC-R1')
        """);
    var branchPeople = await host.ScalarAsync<long>("""
        select count(*) from personnel.person p join personnel.organization o on o.id = p.organization_id
        where o.path <@ (select path from personnel.organization where code = 'SC-B1')
        """);

    Console.WriteLine();
    Console.WriteLine($"Machine: nproc {Environment.ProcessorCount}, {Environment.OSVersion}, .NET {Environment.Version}, " +
                      $"PostgreSQL {version} (shared_buffers {sharedBuffers}), server GC {System.Runtime.GCSettings.IsServerGC}");
    Console.WriteLine($"Seed --scale {people:N0}: {seeded.Organizations:N0} organisations + {seeded.People:N0} people in {seed.Elapsed.TotalSeconds:0.0} s " +
                      $"= {(seeded.Organizations + seeded.People) / seed.Elapsed.TotalSeconds:N0} rows/s end to end " +
                      $"(generation {seeded.Generation.TotalSeconds:0.0} s, encryption+blind index on {Environment.ProcessorCount} cores {seeded.Encryption.TotalSeconds:0.0} s, " +
                      $"binary COPY {seeded.Copy.TotalSeconds:0.0} s = {(seeded.Organizations + seeded.People) / seeded.Copy.TotalSeconds:N0} rows/s, " +
                      $"person_change {seeded.Changes.TotalSeconds:0.0} s); vacuum analyze {analyze.Elapsed.TotalSeconds:0.0} s; person table {personSize}");
    Console.WriteLine($"Scopes: branch SC-B1 ({branchPeople:N0} people in subtree), region SC-R1 ({regionPeople:N0}), root SC ({people:N0})");

    if (args.Contains("--load"))
    {
        await RedSail.Benchmarks.LoadSoak.LoadSoakBenchmark.RunAsync(host, args, seconds, warmup);
        return 0;
    }

    var users = new (string Scope, string Role, Guid Organization)[]
    {
        ("branch", RoleCatalog.BranchSecretary, branch), ("committee", RoleCatalog.CommitteeAdmin, region), ("root", RoleCatalog.CommitteeAdmin, root),
    };
    // Every scenario is warmed up once before any is measured: on a busy two-core VM the JIT's tiering alone took tens of
    // seconds to settle, and a scenario measured first would otherwise pay for code that the later ones share.
    var scenarios = new List<(string Name, HttpClient Http, string Path)>();
    var clientsByScope = new List<ApiClient>();
    foreach (var (scope, role, organization) in list ? users : [])
    {
        var client = host.Client();
        clientsByScope.Add(client);
        await client.SignInAsync(await host.CreateUserAsync(role, organization));
        foreach (var (variant, query) in new[] { ("default", ""), ("filtered", "&status=full_member&gender=2") })
        {
            var path = "/api/personnel/people?pageSize=20" + query;
            var check = await client.Http.GetAsync(path);
            var body = await check.Content.ReadAsStringAsync();
            if (check.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"{path} answered {(int)check.StatusCode}: {body}");
            var page = JsonDocument.Parse(body).RootElement;
            var total = $"{page.GetProperty("total").GetInt64():N0}{(page.TryGetProperty("totalCapped", out var capped) && capped.GetBoolean() ? "+" : "")}";
            scenarios.Add(($"RedSail {scope,-9} {variant,-8} (total {total})", client.Http, path));
        }
    }
    foreach (var (name, http, path) in scenarios) await Load.RunAsync(http, _ => path, clients, 0, warmup);
    var results = new List<(string Name, Load.Result Result)>();
    foreach (var (name, http, path) in scenarios)
    {
        var result = await Load.RunAsync(http, _ => path, clients, warmup, seconds);
        results.Add((name, result));
        Console.WriteLine($"  measured {name}: {result}");
    }
    foreach (var client in clientsByScope) client.Dispose();

    if (list)
    {
        // The bare stack: no RedSail code, same data, same pool size, same load.
        var memberOrganizations = (await QueryOrganizationsAsync(host.OwnerConnectionString)).ToArray();
        await using var bare = await BareStack.StartAsync(host.OwnerConnectionString + ";Maximum Pool Size=4");
        using var bareClient = new HttpClient { BaseAddress = bare.BaseAddress };
        var bareResult = await Load.RunAsync(bareClient, random => $"/page?org={memberOrganizations[random.Next(memberOrganizations.Length)]}", clients, warmup, seconds);
        Console.WriteLine($"  measured bare page: {bareResult}");

        Console.WriteLine();
        Console.WriteLine($"| Scenario ({clients} clients, {seconds} s) | req/s | p50 ms | p99 ms | errors | req/s ÷ bare | p50 ÷ bare | p99 ÷ bare |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var (name, r) in results)
            Console.WriteLine($"| {name} | {r.Throughput:N0} | {r.P50:0.0} | {r.P99:0.0} | {r.Errors} | {r.Throughput / bareResult.Throughput:0.00} | " +
                              $"{r.P50 / bareResult.P50:0.00} | {r.P99 / bareResult.P99:0.00} |");
        Console.WriteLine($"| bare: Kestrel + Npgsql + Dapper, one branch page by (organization_id, name) | {bareResult.Throughput:N0} | {bareResult.P50:0.0} | {bareResult.P99:0.0} | {bareResult.Errors} | 1.00 | 1.00 | 1.00 |");
        Console.WriteLine();
        Console.WriteLine($"Goal: p99 ≤ 50 ms at 1,000,000 people. Baseline binary COPY into a fresh table ≈ 290k rows/s (shared/baseline).");
    }

    if (workflow) await WorkflowBenchmark.RunAsync(host, clients, warmup, seconds, region);
    if (analytics) await AnalyticsBenchmark.RunAsync(host, IntOption("--analytics-events", 20_000), IntOption("--rebuild-people", 100_000));

    if (importRows > 0)
    {
        using var client = host.Client();
        await client.SignInAsync(await host.CreateUserAsync(RoleCatalog.CommitteeAdmin, root));
        // SC-B2: not one of the list's scopes, so a rerun of the list on this data set sees the same branch and region.
        var import = await ImportBenchmark.RunAsync(host, client, people, seedOfData, dataDate, importRows, "SC-B2");
        Console.WriteLine();
        Console.WriteLine($"| Import ({import.Rows:N0} rows, {import.FileBytes / 1024.0 / 1024:0.0} MB xlsx, into a table of {people:N0}) | seconds | rows/s | ÷ raw COPY |");
        Console.WriteLine("|---|---:|---:|---:|");
        Console.WriteLine($"| upload + preview (parse, check, encrypt, stage) | {import.Upload.TotalSeconds:0.00} | {import.Rows / import.Upload.TotalSeconds:N0} | |");
        Console.WriteLine($"| commit | {import.Commit.TotalSeconds:0.00} | {import.Rows / import.Commit.TotalSeconds:N0} | |");
        Console.WriteLine($"| **end to end** | {import.Total.TotalSeconds:0.00} | **{import.RowsPerSecond:N0}** | {import.RowsPerSecond / import.RawRowsPerSecond:0.00} |");
        Console.WriteLine($"| raw binary COPY of the same rows (owner, pre-encrypted, rolled back) | {import.RawCopy.TotalSeconds:0.00} | {import.RawRowsPerSecond:N0} | 1.00 |");
        Console.WriteLine($"| (roll-back of the imported batch, not part of the goal) | {import.RollBack.TotalSeconds:0.00} | {import.Rows / import.RollBack.TotalSeconds:N0} | |");
        Console.WriteLine("Goal: ≥ 20,000 rows/s end to end.");
    }
    if (args.Contains("--hold"))
    {
        // For looking into the data by hand (psql with the cluster.json's port and password) until the process is killed.
        Console.WriteLine($"Holding the cluster at {TestCluster.Folder} until killed.");
        await Task.Delay(Timeout.Infinite);
    }
}
finally
{
    await TestCluster.StopAsync();
}
return 0;

int IntOption(string name, int fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length && int.TryParse(args[index + 1], out var value) ? value : fallback;
}

static async Task<IEnumerable<Guid>> QueryOrganizationsAsync(string connectionString)
{
    await using var connection = new NpgsqlConnection(connectionString);
    return await connection.QueryAsync<Guid>(new CommandDefinition(
        "select id from personnel.organization where type in ('branch', 'party_group')", commandType: System.Data.CommandType.Text));
}

/// <summary>Closed-loop load: each client sends its next request when the previous one answers.</summary>
internal static class Load
{
    public sealed record Result(double Throughput, double P50, double P99, long Requests, long Errors)
    {
        public override string ToString() => $"{Throughput:N0} req/s, p50 {P50:0.0} ms, p99 {P99:0.0} ms, {Requests:N0} requests, {Errors} errors";
    }

    public static async Task<Result> RunAsync(HttpClient http, Func<Random, string> path, int clients, int warmupSeconds, int seconds)
    {
        await RunForAsync(http, path, clients, TimeSpan.FromSeconds(warmupSeconds));
        var (latencies, errors, elapsed) = await RunForAsync(http, path, clients, TimeSpan.FromSeconds(seconds));
        latencies.Sort();
        double Percentile(double p) => latencies.Count == 0 ? double.NaN : latencies[Math.Min(latencies.Count - 1, (int)Math.Ceiling(p * latencies.Count) - 1)];
        return new Result(latencies.Count / elapsed.TotalSeconds, Percentile(0.50), Percentile(0.99), latencies.Count, errors);
    }

    private static async Task<(List<double> Latencies, long Errors, TimeSpan Elapsed)> RunForAsync(HttpClient http, Func<Random, string> path,
        int clients, TimeSpan duration)
    {
        long errors = 0;
        var clock = Stopwatch.StartNew();
        var loops = Enumerable.Range(0, clients).Select(i => Task.Run(async () =>
        {
            var random = new Random(i);
            var latencies = new List<double>(4096);
            while (clock.Elapsed < duration)
            {
                var started = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await http.GetAsync(path(random), HttpCompletionOption.ResponseContentRead);
                    if (!response.IsSuccessStatusCode) Interlocked.Increment(ref errors);
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref errors);
                }
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
            return latencies;
        })).ToArray();
        var all = (await Task.WhenAll(loops)).SelectMany(l => l).ToList();
        return (all, errors, clock.Elapsed);
    }
}

/// <summary>The stack without RedSail: Kestrel, one Npgsql data source, Dapper, System.Text.Json, one indexed page query.</summary>
internal sealed class BareStack : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly NpgsqlDataSource _source;

    private BareStack(WebApplication app, NpgsqlDataSource source)
    {
        _app = app;
        _source = source;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address);
    }

    public Uri BaseAddress { get; }

    /// <param name="services">extra services (the load benchmark's memory reporter, when this runs as a process of its own)</param>
    public static async Task<BareStack> StartAsync(string connectionString, Action<IServiceCollection>? services = null)
    {
        DefaultTypeMap.MatchNamesWithUnderscores = true;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        services?.Invoke(builder.Services);
        var source = NpgsqlDataSource.Create(connectionString);
        var app = builder.Build();
        app.MapGet("/page", async (Guid org) =>
        {
            await using var connection = await source.OpenConnectionAsync();
            var rows = await connection.QueryAsync<BarePerson>(new CommandDefinition("""
                select id, organization_id, name, gender, birth_date, ethnicity, education, id_number_cipher, party_status, joined_on,
                       converted_on, employee_number, version
                from personnel.person where organization_id = @org order by name limit 20
                """, new { org }, commandType: System.Data.CommandType.Text));
            return Results.Json(rows);
        });
        await app.StartAsync();
        return new BareStack(app, source);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _source.DisposeAsync();
    }
}

internal sealed record BarePerson(Guid Id, Guid OrganizationId, string Name, string Gender, DateOnly BirthDate, string Ethnicity, string? Education,
    byte[] IdNumberCipher, string PartyStatus, DateOnly? JoinedOn, DateOnly? ConvertedOn, string? EmployeeNumber, long Version);
