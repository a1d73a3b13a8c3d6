using System.Collections.Concurrent;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using RedSail.BuildingBlocks;
using RedSail.Platform.Access;
using RedSail.Testing;

namespace RedSail.Benchmarks.LoadSoak;

/// <summary>
/// Load and soak (issue 8): the web UI's mix of calls (<see cref="Workload"/>) against the real host in a process of its own,
/// on the scale data set, signed in as a regional committee administrator and as branch secretaries; throughput and
/// p50/p99/p99.9 per call kind and overall at each connection count, failures by status; a soak reporting each minute's
/// throughput, p99 and the host process's RSS and GC heap; and the bare stack (Kestrel + Npgsql, one indexed query, also in
/// a process of its own) at the same connection counts on the same database, with the ratios.
/// </summary>
internal static class LoadSoakBenchmark
{
    public static async Task RunAsync(TestHost host, string[] args, int seconds, int warmup)
    {
        var connectionCounts = (Option(args, "--connections") ?? "16,64,256").Split(',').Select(int.Parse).ToArray();
        var soakMinutes = int.Parse(Option(args, "--soak-minutes") ?? "30");
        var soakConnections = int.Parse(Option(args, "--soak-connections") ?? "64");
        // A window of the soak's report: a minute for the real run; shorter for a smoke run of a minute.
        var soakWindow = TimeSpan.FromSeconds(int.Parse(Option(args, "--soak-window-seconds") ?? "60"));
        var secretaries = int.Parse(Option(args, "--secretaries") ?? "8");
        var today = host.Services.GetRequiredService<IClock>().Today;

        // The scale seed fills Personnel only. Workflow's and Analytics' read models are filled as their events would have left
        // them (and a year of party work generated), so meetings, dues, to-dos and the dashboards have data; Honours' and the
        // archive's copies of the tree and the people too (the mix edits people: an update of a person a copy lacks would wait
        // for a PersonRecorded the seed never sent, ADR 0002), but no honours or documents (printed below).
        await WorkflowBenchmark.FillAsync(host);
        await AnalyticsBenchmark.FillReadModelsAsync(host);
        await using var db = new NpgsqlConnection(host.OwnerConnectionString);
        await db.OpenAsync();
        await db.ExecuteAsync(CopiesOfTreeAndPeopleSql, commandTimeout: 0);
        await db.ExecuteAsync("vacuum analyze honors.organization, honors.person, archives.organization, archives.person", commandTimeout: 0);
        Console.WriteLine("Rows per module schema: " + await db.QuerySingleAsync<string>(RowsPerSchemaSql));

        // Users, made in process (the command needs the host's services); then the in-process host is stopped and the host
        // under load is started as a process of its own on the same database and key ring.
        var region = await db.QuerySingleAsync<Organization>("select id, code, path::text as path from personnel.organization where code = 'SC-R1'");
        var branches = (await db.QueryAsync<Organization>("""
            select id, code, path::text as path from personnel.organization where code = any(@codes) and type = 'branch' order by code
            """, new { codes = Enumerable.Range(1, secretaries).Select(i => $"SC-B{i}").ToArray() })).ToList();
        var committeeUser = await host.CreateUserAsync(RoleCatalog.CommitteeAdmin, region.Id);
        var secretaryUsers = new List<(Organization Branch, TestUser User)>();
        foreach (var branch in branches) secretaryUsers.Add((branch, await host.CreateUserAsync(RoleCatalog.BranchSecretary, branch.Id)));
        await host.App.StopAsync();

        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__RedSail"] = host.OwnerConnectionString,
            ["RedSail__KeyRingPath"] = TestCluster.KeyRingPath,
            ["RedSail__Database__MaxPoolSizePerModule"] = "4",
            ["Archives__FileStore__Path"] = Path.Combine(Path.GetTempPath(), "redsail-load-files", host.DatabaseName),
            ["Urls"] = "http://127.0.0.1:0",
            ["Logging__LogLevel__Default"] = "Warning",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
        };
        var mixResults = new List<(int Connections, Recorder Result, long Rss, MemoryReport? Memory)>();
        var soak = new List<(int Window, Recorder Result, long Rss, MemoryReport? Memory)>();
        Recorder? soakTotal = null;
        await using (var server = await ServerProcess.StartAsync("--serve-host", environment))
        {
            Console.WriteLine($"Host under load: pid {server.ProcessId}, {server.BaseAddress}");
            var sessions = new List<Session> { await SessionAsync(server.BaseAddress, db, "committee SC-R1", committeeUser, [region], excluded: branches) };
            foreach (var (branch, user) in secretaryUsers)
                sessions.Add(await SessionAsync(server.BaseAddress, db, $"secretary {branch.Code}", user, [branch], excluded: []));
            Console.WriteLine("Sessions: " + string.Join("; ", sessions.Select(s =>
                $"{s.Name} ({s.People.Length} people sampled, {s.Editable.Count} editable, {s.Branches.Length} branches with rosters)")));

            using (var check = new LoadDriver(server.BaseAddress, 1))
            {
                // Every kind a few times per session, one call at a time: the mix must be all 2xx before it is measured, and the
                // latency without load says which calls are slow by themselves and which only queue.
                var probes = await check.ProbeAsync(sessions, today, rounds: 3);
                foreach (var line in probes.SelectMany(p => p.FailureSummary())) Console.WriteLine("  probe failure: " + line);
                if (probes.Any(p => p.TotalFailures > 0))
                {
                    foreach (var (key, body) in Call.FirstFailures) Console.WriteLine($"  {key}: {body}");
                    throw new InvalidOperationException("The mix has failing calls before any load; fix them first.");
                }
                LoadSoakReport.PrintUnloaded(probes);
            }

            foreach (var connections in connectionCounts)
            {
                using var driver = new LoadDriver(server.BaseAddress, connections);
                Console.WriteLine($"RedSail mix, {connections} connections: {warmup} s warm-up, {seconds} s measured …");
                await driver.RunMixAsync(sessions, connections, TimeSpan.FromSeconds(warmup), today);
                var result = await driver.RunMixAsync(sessions, connections, TimeSpan.FromSeconds(seconds), today);
                mixResults.Add((connections, result, server.ResidentBytes(), server.LastMemory));
                Console.WriteLine($"  {Summary(result)}");
            }

            if (soakMinutes > 0)
            {
                Console.WriteLine($"Soak: {soakMinutes} min at {soakConnections} connections …");
                using var driver = new LoadDriver(server.BaseAddress, soakConnections);
                var window = 0;
                soakTotal = await driver.RunMixAsync(sessions, soakConnections, TimeSpan.FromMinutes(soakMinutes), today, finished =>
                {
                    soak.Add((++window, finished, server.ResidentBytes(), server.LastMemory));
                    Console.WriteLine($"  window {window}: {Summary(finished)}, host RSS {Mb(server.ResidentBytes())} MB, GC heap {Mb(server.LastMemory?.ManagedBytes)} MB, live after full GC {Mb(server.LastMemory?.LiveBytes)} MB");
                }, soakWindow);
            }
        }

        // The bare stack on the same database, same connection counts.
        var bareOrganizations = (await db.QueryAsync<Guid>("select id from personnel.organization where type in ('branch', 'party_group')")).ToArray();
        var bareResults = new List<(int Connections, Recorder Result)>();
        await using (var bare = await ServerProcess.StartAsync("--serve-bare", new Dictionary<string, string>
                     {
                         ["BARE_CONNECTION_STRING"] = host.OwnerConnectionString + ";Maximum Pool Size=4",
                     }))
        {
            foreach (var connections in connectionCounts)
            {
                using var driver = new LoadDriver(bare.BaseAddress, connections);
                string Page(Random random) => $"/page?org={bareOrganizations[random.Next(bareOrganizations.Length)]}";
                await driver.RunGetAsync(Page, connections, TimeSpan.FromSeconds(warmup));
                var result = await driver.RunGetAsync(Page, connections, TimeSpan.FromSeconds(seconds));
                bareResults.Add((connections, result));
                Console.WriteLine($"Bare stack, {connections} connections: {Summary(result)}");
            }
        }

        LoadSoakReport.Print(mixResults, bareResults, soak, soakTotal, seconds, soakConnections, soakWindow);
    }

    private static async Task<Session> SessionAsync(Uri baseAddress, NpgsqlConnection db, string name, TestUser user, Organization[] scope,
        IReadOnlyList<Organization> excluded)
    {
        using var client = new ApiClient(baseAddress);
        await client.SignInAsync(user);
        var paths = scope.Select(o => o.Path).ToArray();
        var excludedPaths = excluded.Select(o => o.Path).ToArray();
        var people = (await db.QueryAsync<Guid>("""
            select p.id from personnel.person p join personnel.organization o on o.id = p.organization_id
            where o.path <@ any(@paths::ltree[]) order by md5(p.id::text) limit 2000
            """, new { paths })).ToArray();
        // Editable: not in another session's branches, so that two users never edit one person at once (a 409 is not load).
        var editable = (await db.QueryAsync<Guid>("""
            select p.id from personnel.person p join personnel.organization o on o.id = p.organization_id
            where o.path <@ any(@paths::ltree[]) and not o.path <@ any(@excludedPaths::ltree[]) order by md5(p.id::text) limit 512
            """, new { paths, excludedPaths })).ToArray();
        var inScope = await db.QuerySingleAsync<long>("""
            select count(*) from personnel.person p join personnel.organization o on o.id = p.organization_id where o.path <@ any(@paths::ltree[])
            """, new { paths });
        var keywords = (await db.QueryAsync<string>("""
            select distinct left(p.name, 2) from personnel.person p join personnel.organization o on o.id = p.organization_id
            where o.path <@ any(@paths::ltree[]) and length(p.name) >= 2 limit 50
            """, new { paths })).ToArray();
        var branchIds = (await db.QueryAsync<Guid>("""
            select id from personnel.organization where path <@ any(@paths::ltree[]) and type = 'branch' order by md5(id::text) limit 50
            """, new { paths })).ToList();
        var branches = new List<Branch>();
        foreach (var id in branchIds)
        {
            var roster = await client.GetJsonAsync<JsonElement>($"/api/workflow/organizations/{id}/roster");
            var members = roster.EnumerateArray().Select(m => m.GetProperty("id").GetGuid()).ToArray();
            if (members.Length > 0) branches.Add(new Branch(id, members));
        }
        if (people.Length == 0 || branches.Count == 0) throw new InvalidOperationException($"{name}: no people or no branch with a roster in scope.");
        return new Session
        {
            Name = name, Cookie = $"redsail.sid={client.Cookie("redsail.sid")}; redsail.csrf={client.Cookie("redsail.csrf")}",
            Csrf = client.Cookie("redsail.csrf")!, People = people, Keywords = keywords, Branches = branches.ToArray(),
            Editable = new ConcurrentQueue<Guid>(editable), PeoplePages = (int)Math.Clamp((inScope + 19) / 20, 1, 50),
        };
    }

    /// <summary>Honours' and the archive's copies of Personnel's tree and people, as their events would have left them.</summary>
    private const string CopiesOfTreeAndPeopleSql = """
        insert into honors.organization (id, parent_id, name, type, path, status) select id, parent_id, name, type, path, status from personnel.organization;
        insert into honors.person (id, organization_id, name, gender, party_status, joined_on, converted_on, relation)
        select id, organization_id, name, gender, party_status, joined_on, converted_on, relation from personnel.person;
        insert into archives.organization (id, parent_id, name, type, path, status) select id, parent_id, name, type, path, status from personnel.organization;
        insert into archives.person (id, organization_id, name) select id, organization_id, name from personnel.person;
        """;

    /// <summary>Rows of each module's schema (exact counts: run once, after the fill).</summary>
    private const string RowsPerSchemaSql = """
        select string_agg(format('%s %s', schema, rows), ', ' order by schema) from (
            select t.table_schema as schema,
                   sum((xpath('/row/c/text()', query_to_xml(format('select count(*) as c from %I.%I', t.table_schema, t.table_name), false, true, '')))[1]::text::bigint) as rows
            from information_schema.tables t
            where t.table_schema in ('personnel', 'workflow', 'honors', 'archives', 'analytics', 'platform') and t.table_type = 'BASE TABLE'
            group by t.table_schema) s
        """;

    private static string Summary(Recorder r)
    {
        var all = r.Overall();
        return $"{r.Throughput:N0} req/s, p50 {all.Percentile(0.50):0.0} ms, p99 {all.Percentile(0.99):0.0} ms, p99.9 {all.Percentile(0.999):0.0} ms, " +
               $"{all.Count:N0} requests, {r.TotalFailures:N0} failures";
    }

    internal static string Mb(long? bytes) => bytes is null ? "–" : $"{bytes / 1048576.0:N0}";

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    private sealed class Organization
    {
        public Guid Id { get; init; }
        public string Code { get; init; } = "";
        public string Path { get; init; } = "";
    }
}
