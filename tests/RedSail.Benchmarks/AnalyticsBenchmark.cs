using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using RedSail.BuildingBlocks;
using RedSail.BuildingBlocks.Access;
using RedSail.BuildingBlocks.Events;
using RedSail.Modules.Analytics;
using RedSail.Modules.Analytics.Contracts;
using RedSail.Modules.Analytics.Features.FoldCountDeltas;
using RedSail.Modules.Analytics.Features.GetDashboard;
using RedSail.Modules.Analytics.Features.ReadModel;
using RedSail.Modules.Personnel.Contracts;
using RedSail.Testing;

/// <summary>
/// Analytics at scale (issue 6). The scale seed fills Personnel only (no events for a million people), so Analytics' read
/// models are filled here by the owner as the events would have left them (the same bucket function, set-based), then:
/// the committee dashboard (GetDashboard in process: server time, no HTTP) at the root, a region and a branch, beside the same
/// figures by GROUP BY over a flat copy of the people; the subscriber path's throughput on a sample of events (one
/// transaction per event as the dispatcher delivers, and batched); the rebuild of a log of a sample of people.
/// </summary>
internal static class AnalyticsBenchmark
{
    public static async Task RunAsync(TestHost host, int sampleEvents, int rebuildPeople)
    {
        await FillReadModelsAsync(host);
        await ExecuteLongAsync(host, """
            create schema if not exists bench;
            create table bench.flat_person as
                select p.id, p.organization_id, o.path, p.gender, p.birth_date, p.ethnicity, p.education, p.party_status, p.joined_on, p.converted_on, p.relation
                from personnel.person p join personnel.organization o on o.id = p.organization_id;
            create index on bench.flat_person using gist (path);
            """);
        await ExecuteLongAsync(host, "vacuum analyze bench.flat_person");
        Console.WriteLine();
        Console.WriteLine("| Committee dashboard, server time (GetDashboard in process) | people in subtree | runs | p50 ms | p99 ms | naive GROUP BY p50 ms | p99 ms | ratio (p50) |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var code in new[] { "SC", "SC-R1", "SC-B1" })
        {
            var id = await host.ScalarAsync<Guid>("select id from personnel.organization where code = @code", ("code", code));
            var people = await host.ScalarAsync<long>(
                "select count(*) from bench.flat_person where path <@ (select path from personnel.organization where id = @id)", ("id", id));
            var dashboard = await TimeAsync(200, () => host.SendAsync(new GetDashboard(id, null)));
            var check = await host.SendAsync(new GetDashboard(id, null));
            var naive = await TimeAsync(code == "SC" ? 10 : 50, () => NaiveAsync(host, id));
            var naiveMembers = await host.ScalarAsync<long>("""
                select count(*) from bench.flat_person where path <@ (select path from personnel.organization where id = @id)
                  and party_status in ('probationary', 'full_member') and relation <> 'transferred_out'
                """, ("id", id));
            if (naiveMembers != check.Members) throw new InvalidOperationException($"{code}: dashboard {check.Members} members, naive {naiveMembers}");
            Console.WriteLine($"| {code} | {people:N0} | {dashboard.Runs} | {dashboard.P50:0.0} | **{dashboard.P99:0.0}** | {naive.P50:0.0} | {naive.P99:0.0} | **{naive.P50 / dashboard.P50:0}×** |");
        }
        Console.WriteLine("Goals: p99 ≤ 100 ms; ≥ 20× the naive GROUP BY.");

        // The subscriber path: PersonUpdated for a sample of members (education changes), through Projection.ReceiveAsync.
        var sample = (await QueryAsync(host, $"""
            select id, organization_id, name, gender, birth_date, ethnicity from personnel.person order by id limit {sampleEvents}
            """)).ToList();
        var events = sample.Select((p, i) => (IntegrationEvent)new PersonUpdated(p.Id, p.OrganizationId, p.Name, p.Gender, p.BirthDate, p.Ethnicity,
            i % 2 == 0 ? "14" : "21")).ToList();
        var singles = Math.Min(1_000, events.Count / 4);
        var single = Stopwatch.StartNew();
        foreach (var e in events.Take(singles)) await ApplyAsync(host, [e]);
        single.Stop();
        var batched = Stopwatch.StartNew();
        foreach (var chunk in events.Skip(singles).Chunk(1_000)) await ApplyAsync(host, chunk);
        batched.Stop();
        var (sampleDeltas, sampleFold) = await FoldAsync(host);
        await StatementProfile.ResetAsync(host);
        var workers = host.Services.GetRequiredService<OutboxOptions>().Workers;
        var dispatched = await DispatchAsync(host, sampleEvents);
        await StatementProfile.PrintAsync(host, "Through the outbox dispatcher");
        // The host's folder is off in this run (Program.cs), so the dispatched events' deltas are all pending now: the dashboard
        // adds them to the closure rows (member_count_now), then they are folded, timed.
        var pendingDashboard = new List<string>();
        foreach (var code in new[] { "SC", "SC-R1" })
        {
            var id = await host.ScalarAsync<Guid>("select id from personnel.organization where code = @code", ("code", code));
            var timing = await TimeAsync(50, () => host.SendAsync(new GetDashboard(id, null)));
            pendingDashboard.Add($"{code} p50 {timing.P50:0.0} ms / p99 {timing.P99:0.0} ms");
        }
        await StatementProfile.ResetAsync(host);
        var (dispatchedDeltas, dispatchedFold) = await FoldAsync(host);
        await StatementProfile.PrintAsync(host, "Folding the dispatched events' deltas", 5);
        var sustainedEvents = 5 * sampleEvents; // long enough for the folder's rhythm
        await QueueUpdatesAsync(host, sustainedEvents);
        var cpuBefore = CpuTime.Now();
        var sustained = await DeliverWhileFoldingAsync(host);
        var cpu = CpuTime.Now() - cpuBefore;
        Console.WriteLine();
        Console.WriteLine($"| Event processing into the read models (PersonUpdated, education changed) | events | seconds | events/s |");
        Console.WriteLine("|---|---:|---:|---:|");
        Console.WriteLine($"| one transaction per event (the one-by-one fallback) | {singles:N0} | {single.Elapsed.TotalSeconds:0.0} | **{singles / single.Elapsed.TotalSeconds:N0}** |");
        Console.WriteLine($"| 1,000 events per transaction (Projection, as a batch) | {events.Count - singles:N0} | {batched.Elapsed.TotalSeconds:0.0} | **{(events.Count - singles) / batched.Elapsed.TotalSeconds:N0}** |");
        Console.WriteLine($"| through the host's outbox dispatcher ({workers} loops: take off the outbox, log, apply) | {sampleEvents:N0} | {dispatched.TotalSeconds:0.0} | **{sampleEvents / dispatched.TotalSeconds:N0}** |");
        Console.WriteLine($"| folding the batches' pending deltas into the ancestors (FoldCountDeltas, {sampleDeltas:N0} rows) | {events.Count:N0} | {sampleFold.TotalSeconds:0.0} | {events.Count / sampleFold.TotalSeconds:N0} |");
        Console.WriteLine($"| folding the dispatched events' pending deltas ({dispatchedDeltas:N0} rows) | {sampleEvents:N0} | {dispatchedFold.TotalSeconds:0.0} | {sampleEvents / dispatchedFold.TotalSeconds:N0} |");
        Console.WriteLine($"| dispatcher + fold, one after the other (sustained, if neither overlapped) | {sampleEvents:N0} | {(dispatched + dispatchedFold).TotalSeconds:0.0} | {sampleEvents / (dispatched + dispatchedFold).TotalSeconds:N0} |");
        Console.WriteLine($"| **dispatcher with a fold beside it** (as a host runs them; until every delta is folded) | {sustainedEvents:N0} | {sustained.TotalSeconds:0.0} | **{sustainedEvents / sustained.TotalSeconds:N0}** |");
        Console.WriteLine("Goal: ≥ 20,000 events/s.");
        Console.WriteLine($"Core time of the dispatcher with a fold beside it, per event: host {cpu.Host.TotalMicroseconds / sustainedEvents:0} µs, " +
                          $"PostgreSQL {cpu.Postgres.TotalMicroseconds / sustainedEvents:0} µs ({Environment.ProcessorCount} cores: " +
                          $"{Environment.ProcessorCount * 1e6 / 20_000:0} µs an event at 20,000 events/s)");
        Console.WriteLine($"Dashboard with the {dispatchedDeltas:N0} dispatched deltas still pending (50 runs): {string.Join("; ", pendingDashboard)}");

        // Rebuild: a log of the tree and the first rebuildPeople people (OrganizationCreated + PersonRecorded, as Personnel sends them).
        // --rebuild-people 0 leaves it out, and with it the read models filled for a million people (to study them with --hold).
        if (rebuildPeople == 0) return;
        await ExecuteLongAsync(host, $"""
            delete from analytics.event_log;
            insert into analytics.event_log (event_id, event_type, payload, occurred_at)
            select gen_random_uuid(), 'OrganizationCreated',
                   jsonb_build_object('organizationId', id, 'parentId', parent_id, 'code', code, 'name', name, 'type', type, 'path', path::text),
                   timestamptz '2020-01-01' + nlevel(path) * interval '1 second'
            from personnel.organization;
            insert into analytics.event_log (event_id, event_type, payload, occurred_at)
            select gen_random_uuid(), 'PersonRecorded',
                   jsonb_build_object('personId', id, 'organizationId', organization_id, 'name', name, 'gender', gender, 'birthDate', birth_date,
                       'ethnicity', ethnicity, 'education', education, 'partyStatus', party_status, 'joinedOn', joined_on, 'convertedOn', converted_on),
                   timestamptz '2020-01-02' + row_number() over (order by id) * interval '1 millisecond'
            from (select * from personnel.person order by id limit {rebuildPeople}) p;
            """);
        var logged = await host.ScalarAsync<long>("select count(*) from analytics.event_log");
        var rebuild = Stopwatch.StartNew();
        var replayed = await host.SendAsync(new RebuildAnalytics());
        rebuild.Stop();
        Console.WriteLine();
        Console.WriteLine($"| Rebuild from the event log | events | seconds | events/s | 1M people + tree, extrapolated |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        var rate = replayed / rebuild.Elapsed.TotalSeconds;
        var full = await host.ScalarAsync<long>("select (select count(*) from personnel.person) + (select count(*) from personnel.organization)");
        Console.WriteLine($"| RebuildAnalytics (tree + {rebuildPeople:N0} people, one transaction) | {replayed:N0} of {logged:N0} | {rebuild.Elapsed.TotalSeconds:0.0} | {rate:N0} | {full / rate / 60:0.0} min |");
    }

    /// <summary>Analytics' read models filled by the owner as the events would have left them (facts copied, counts by the rebuild's
    /// own recount); also used by the load benchmark, whose mix reads the headline and the dashboard.</summary>
    public static async Task FillReadModelsAsync(TestHost host)
    {
        var fill = Stopwatch.StartNew();
        await ExecuteLongAsync(host, """
            insert into analytics.organization (id, parent_id, name, type, path, status) select id, parent_id, name, type, path, status from personnel.organization;
            insert into analytics.member (person_id, organization_id, name, gender, birth_date, ethnicity, education, party_status, joined_on, converted_on,
                relation, basics_at, status_at, placement_at)
            select id, organization_id, name, gender, birth_date, ethnicity, education, party_status, joined_on, converted_on,
                   relation, now(), now(), now()
            from personnel.person;
            """);
        var recount = Stopwatch.StartNew();
        await using (var scope = host.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<RequestContext>().Principal = Principal.System;
            var db = scope.ServiceProvider.GetRequiredService<AnalyticsDb>();
            db.CommandTimeoutSeconds = 3_600;
            await db.BeginAsync(readOnly: false, CancellationToken.None);
            await MemberFacts.RecountAsync(db, CancellationToken.None);
            await db.CommitAsync(CancellationToken.None);
        }
        recount.Stop();
        foreach (var table in new[] { "analytics.organization", "analytics.member", "analytics.member_count" })
            await ExecuteLongAsync(host, $"vacuum analyze {table}");
        fill.Stop();
        var rows = await host.ScalarAsync<long>("select count(*) from analytics.member_count");
        Console.WriteLine($"Analytics read models filled set-based in {fill.Elapsed.TotalSeconds:0.0} s (of which the counts, MemberFacts.RecountAsync as a rebuild ends: {recount.Elapsed.TotalSeconds:0.0} s): {rows:N0} count rows (organisation closure × buckets)");
    }

    /// <summary>Queues <paramref name="count"/> PersonUpdated events (<see cref="QueueUpdatesAsync"/>) and times the host's dispatcher until all are delivered.</summary>
    private static async Task<TimeSpan> DispatchAsync(TestHost host, int count)
    {
        await QueueUpdatesAsync(host, count);
        var watch = Stopwatch.StartNew();
        await DeliveredAsync(host);
        return watch.Elapsed;
    }

    /// <summary>
    /// Times the host's dispatcher with a fold beside it, as a host runs them (its own folder is off in this run, Program.cs): the
    /// folder's rounds (<see cref="CountDeltaFolder"/>: at once while the slices come full, else after its pause), until the
    /// deliveries are done and every delta of them is folded; once they are done, the last fold follows without the pause.
    /// </summary>
    private static async Task<TimeSpan> DeliverWhileFoldingAsync(TestHost host)
    {
        var watch = Stopwatch.StartNew();
        var delivering = DeliveredAsync(host);
        while (true)
        {
            var delivered = delivering.IsCompleted; // before the fold: a fold that then leaves no backlog has folded every delta
            if (CountDeltaFolder.LeftABacklog(await host.SendAsync(new FoldCountDeltas()))) continue;
            if (delivered) break;
            await Task.WhenAny(delivering, Task.Delay(CountDeltaFolder.Pause));
        }
        await delivering;
        return watch.Elapsed;
    }

    /// <summary>
    /// Puts <paramref name="count"/> PersonUpdated events into Personnel's outbox with a delivery to Analytics' subscriber only (as an
    /// import's would be, minus the other modules' copies). Their ids are time-ordered, as the events' own are
    /// (<c>Guid.CreateVersion7</c>: milliseconds first, then random bits): random ids put every insert into the event log's key
    /// on a random page (2.3 µs more an event in psql at 1M).
    /// </summary>
    private static Task QueueUpdatesAsync(TestHost host, int count) =>
        ExecuteLongAsync(host, $"""
            with e as (
                insert into personnel.outbox (event_id, event_type, payload, occurred_at)
                select p.event_id, 'PersonUpdated',
                       jsonb_build_object('eventId', p.event_id, 'occurredAt', now(), 'personId', p.id, 'organizationId', p.organization_id,
                           'name', p.name, 'gender', p.gender, 'birthDate', p.birth_date, 'ethnicity', p.ethnicity,
                           'education', case when random() < 0.5 then '31' else '41' end),
                       now()
                from (select {TimeOrderedId} as event_id, * from personnel.person order by id desc limit {count}) p
                returning event_id)
            insert into personnel.outbox_delivery (event_id, subscriber) select event_id, '{Subscriber}' from e;
            """);

    private static readonly string Subscriber = typeof(PersonUpdatedSubscriber).FullName!;

    /// <summary>A version 7 uuid in SQL: the Unix time in milliseconds, the version, the variant, random bits.</summary>
    private const string TimeOrderedId = "overlay(overlay(overlay(md5(random()::text) placing lpad(to_hex((extract(epoch from clock_timestamp()) * 1000)::bigint), 12, '0') from 1) " +
                                         "placing '7' from 13) placing '8' from 17)::uuid";

    /// <summary>
    /// Wakes the host's own dispatch loops (Outbox:Workers), as a command that wrote events does, and waits until they have
    /// delivered everything queued.
    /// </summary>
    private static async Task DeliveredAsync(TestHost host)
    {
        host.Services.GetRequiredService<OutboxDispatcher>().Signal();
        // Found through the due deliveries' partial index (a count of the whole table took 5 ms a look, beside the loops).
        while (await host.ScalarAsync<bool>("""
                   select exists (select 1 from personnel.outbox_delivery where delivered_at is null and parked_at is null and subscriber = @subscriber)
                   """, ("subscriber", Subscriber)))
            await Task.Delay(20);
    }

    /// <summary>Folds every pending count delta as the host's folder would, slice by slice; returns the rows folded and the time.</summary>
    private static async Task<(long Rows, TimeSpan Elapsed)> FoldAsync(TestHost host)
    {
        var rows = await host.ScalarAsync<long>("select count(*) from analytics.member_count_delta");
        var watch = Stopwatch.StartNew();
        while ((await host.SendAsync(new FoldCountDeltas())).Taken > 0) { }
        return (rows, watch.Elapsed);
    }

    private static async Task ApplyAsync(TestHost host, IEnumerable<IntegrationEvent> events)
    {
        await using var scope = host.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<RequestContext>().Principal = Principal.System;
        var db = scope.ServiceProvider.GetRequiredService<AnalyticsDb>();
        await db.BeginAsync(readOnly: false, CancellationToken.None);
        await Projection.ReceiveAsync(db, events.ToList(), CancellationToken.None);
        await db.CommitAsync(CancellationToken.None);
    }

    /// <summary>The dashboard's structure figures by GROUP BY over the subtree's people, one statement per chart, as a report would.</summary>
    private static async Task NaiveAsync(TestHost host, Guid organizationId)
    {
        await using var connection = new Npgsql.NpgsqlConnection(host.OwnerConnectionString);
        await connection.OpenAsync();
        const string Subtree = "path <@ (select path from personnel.organization where id = @id) and relation <> 'transferred_out'";
        const string Members = Subtree + " and party_status in ('probationary', 'full_member')";
        foreach (var sql in new[]
                 {
                     $"select party_status, count(*) from bench.flat_person where {Subtree} group by 1",
                     $"select gender, extract(year from age(current_date, birth_date))::int / 5, count(*) from bench.flat_person where {Members} group by 1, 2",
                     $"select left(education, 1), count(*) from bench.flat_person where {Members} group by 1",
                     $"select ethnicity = '01', count(*) from bench.flat_person where {Members} group by 1",
                     $"select extract(year from age(current_date, converted_on))::int / 10, count(*) from bench.flat_person where {Members} group by 1",
                     $"select extract(year from joined_on)::int, count(*) from bench.flat_person where {Members} group by 1",
                 })
        {
            await using var command = new Npgsql.NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
            command.Parameters.AddWithValue("id", organizationId);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) { }
        }
    }

    private static async Task<(int Runs, double P50, double P99)> TimeAsync(int runs, Func<Task> work)
    {
        await work();
        var times = new double[runs];
        for (var i = 0; i < runs; i++)
        {
            var watch = Stopwatch.StartNew();
            await work();
            times[i] = watch.Elapsed.TotalMilliseconds;
        }
        Array.Sort(times);
        return (runs, times[runs / 2], times[Math.Min(runs - 1, (int)Math.Ceiling(runs * 0.99) - 1)]);
    }

    private static async Task<IEnumerable<SamplePerson>> QueryAsync(TestHost host, string sql)
    {
        await using var connection = new Npgsql.NpgsqlConnection(host.OwnerConnectionString);
        await connection.OpenAsync();
        return await Dapper.SqlMapper.QueryAsync<SamplePerson>(connection, sql);
    }

    private static async Task ExecuteLongAsync(TestHost host, string sql)
    {
        await using var connection = new Npgsql.NpgsqlConnection(host.OwnerConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync();
    }

    private sealed class SamplePerson
    {
        public Guid Id { get; init; }
        public Guid OrganizationId { get; init; }
        public string Name { get; init; } = "";
        public string Gender { get; init; } = "";
        public DateOnly BirthDate { get; init; }
        public string Ethnicity { get; init; } = "";
    }
}
