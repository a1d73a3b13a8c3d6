using System.Diagnostics;
using System.Net;
using RedSail.BuildingBlocks;
using RedSail.Modules.Workflow.Domain;
using RedSail.Modules.Workflow.Features.RunQuarterlySupervision;
using RedSail.Platform.Access;
using RedSail.Testing;
using Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Workflow at scale (issue 4): the quarterly supervision of every branch, and the compliance board of a regional committee
/// under load. The scale seed fills Personnel only (no events for a million people), so Workflow's read model is copied here
/// by the owner, as the events would have left it, and a year of party work is generated set-based: every branch's meetings
/// (most quotas kept, some missed), five months of dues for every member with some arrears, a plan task per branch and
/// quarter, and a recruitment file for everyone on the way in.
/// </summary>
internal static class WorkflowBenchmark
{
    public static async Task RunAsync(TestHost host, int clients, int warmup, int seconds, Guid region)
    {
        var today = host.Services.GetRequiredService<IClock>().Today;
        var quarter = Quarter.LastEnded(today);
        await FillAsync(host);

        var run = Stopwatch.StartNew();
        var result = await host.SendAsync(new RunQuarterlySupervision(quarter.ToString()));
        run.Stop();
        Console.WriteLine();
        Console.WriteLine($"| Quarterly supervision {quarter} (one statement, all branches) | branches | green | yellow | red | seconds |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        Console.WriteLine($"| RunQuarterlySupervision | {result.Branches:N0} | {result.Green:N0} | {result.Yellow:N0} | {result.Red:N0} | **{run.Elapsed.TotalSeconds:0.0}** |");
        Console.WriteLine("Goal: ≤ 60 s for all branches.");

        using var committee = host.Client();
        await committee.SignInAsync(await host.CreateUserAsync(RoleCatalog.CommitteeAdmin, region));
        var path = $"/api/workflow/compliance?organizationId={region}&year={today.Year}";
        var check = await committee.Http.GetAsync(path);
        if (check.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"{path} answered {(int)check.StatusCode}: {await check.Content.ReadAsStringAsync()}");
        var branches = await host.ScalarAsync<long>("""
            select count(*) from workflow.organization o
            where o.path <@ (select path from workflow.organization where id = @region)
              and o.type in ('branch', 'joint_branch', 'temporary_branch', 'general_branch')
            """, ("region", region));
        var board = await Load.RunAsync(committee.Http, _ => path, clients, warmup, seconds);
        Console.WriteLine();
        Console.WriteLine($"| Compliance board of a regional committee ({branches:N0} branches × 12 months, {clients} clients, {seconds} s) | req/s | p50 ms | p99 ms | errors |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        Console.WriteLine($"| GET {path.Split('?')[0]} | {board.Throughput:N0} | {board.P50:0.0} | {board.P99:0.0} | {board.Errors} |");
        Console.WriteLine("Goal: p99 ≤ 100 ms.");
    }

    /// <summary>Workflow's read model copied from Personnel by the owner (as the events would have left it) and a year of party work
    /// generated set-based; also used by the load benchmark, whose mix reads meetings, dues and to-dos.</summary>
    public static async Task FillAsync(TestHost host)
    {
        var quarter = Quarter.LastEnded(host.Services.GetRequiredService<IClock>().Today);
        var fill = Stopwatch.StartNew();
        await ExecuteLongAsync(host, """
            insert into workflow.organization (id, parent_id, name, type, path, status)
            select id, parent_id, name, type, path, status from personnel.organization;
            update workflow.organization w set term_ends_on = t.ends_on, term_id = t.id
            from personnel.committee_term t where t.organization_id = w.id and t.status = 'current';
            insert into workflow.person (id, organization_id, name, gender, birth_date, party_status, joined_on, converted_on, relation)
            select id, organization_id, name, gender, birth_date, party_status, joined_on, converted_on, relation from personnel.person;
            insert into workflow.person_record (record_id, person_id, set_kind)
            select id, person_id, set_kind from personnel.person_record;
            """);
        var readModel = fill.Elapsed;
        await ExecuteLongAsync(host, Generate(quarter));
        foreach (var table in new[] { "organization", "person", "person_record", "meeting", "dues_month", "plan", "plan_task", "recruitment_file" })
            await ExecuteLongAsync(host, $"vacuum analyze workflow.{table}");
        fill.Stop();
        var counts = await host.ScalarAsync<string>("""
            select format('%s organisations (%s branches), %s people, %s meetings, %s dues months, %s plan tasks, %s recruitment files',
                (select count(*) from workflow.organization),
                (select count(*) from workflow.organization where type in ('branch', 'joint_branch', 'temporary_branch', 'general_branch')),
                (select count(*) from workflow.person), (select count(*) from workflow.meeting), (select count(*) from workflow.dues_month),
                (select count(*) from workflow.plan_task), (select count(*) from workflow.recruitment_file))
            """);
        Console.WriteLine($"Workflow data: {counts}; read model copied in {readModel.TotalSeconds:0.0} s, a year of work generated and analysed in " +
                          $"{(fill.Elapsed - readModel).TotalSeconds:0.0} s");
    }

    /// <summary>The owner runs a statement of minutes (a million people's dues months) without the 30-second command timeout.</summary>
    private static async Task ExecuteLongAsync(TestHost host, string sql)
    {
        await using var connection = new Npgsql.NpgsqlConnection(host.OwnerConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>A year of party work up to the end of <paramref name="quarter"/>, deterministic (hash of ids, not random()).</summary>
    private static string Generate(Quarter quarter) => $"""
        create temporary table month_of_year as
        select m::date as month from generate_series(date '{quarter.YearStart:yyyy-MM-dd}', date '{quarter.End:yyyy-MM-dd}', interval '1 month') m;

        -- Monthly types in 39 months of 40 (group meetings per party group in 29 of 30), a general meeting each quarter, the yearly ones once.
        insert into workflow.meeting (id, organization_id, type, held_on, starts_at, place, host_name, recorder_name, topic, expected, present, quorum_required)
        select gen_random_uuid(), o.id, t.type, (m.month + t.day)::date, (m.month + t.day)::timestamp + time '14:30', '党员活动室', '书记', '组织委员', '学习',
               20, 16 + (abs(hashtext(o.id::text || m.month::text)) % 5), false
        from workflow.organization o
        cross join month_of_year m
        cross join (values ('committee_meeting', 4), ('theme_day', 9)) as t(type, day)
        where o.type in ('branch', 'joint_branch', 'temporary_branch', 'general_branch') and abs(hashtext(o.id::text || m.month::text || t.type)) % 40 <> 0
        union all
        select gen_random_uuid(), g.id, 'group_meeting', (m.month + 14)::date, (m.month + 14)::timestamp + time '19:00', '小组会议室', '组长', '组员', '学习',
               8, 7, false
        from workflow.organization g cross join month_of_year m
        where g.type = 'party_group' and abs(hashtext(g.id::text || m.month::text)) % 30 <> 0
        union all
        select gen_random_uuid(), o.id, 'general_meeting', (m.month + 33)::date, (m.month + 33)::timestamp + time '15:00', '会议室', '书记', '组织委员', '党员大会',
               20, 17, true
        from workflow.organization o cross join month_of_year m
        where o.type in ('branch', 'joint_branch', 'temporary_branch', 'general_branch') and extract(month from m.month) in (1, 4, 7, 10)
        union all
        select gen_random_uuid(), o.id, y.type, date '{quarter.YearStart:yyyy-MM-dd}' + 40, date '{quarter.YearStart:yyyy-MM-dd}' + 40 + time '09:00', '会议室',
               '书记', '组织委员', '年度', 20, 18, false
        from workflow.organization o cross join (values ('party_lecture'), ('democratic_review'), ('heart_to_heart_talk')) as y(type)
        where o.type in ('branch', 'joint_branch', 'temporary_branch', 'general_branch') and abs(hashtext(o.id::text || y.type)) % 4 <> 0;

        -- Five months of dues for every member up to the quarter's end (supervision's arrears window); one in fifty owes them.
        insert into workflow.dues_month (person_id, month, organization_id, category, base, rate_percent, amount_due, paid, paid_on)
        select p.id, m.month::date, p.organization_id, 'in_service', 6000, 1.5, 90,
               case when abs(hashtext(p.id::text)) % 50 = 0 then 0 else 90 end, m.month::date + 10
        from workflow.person p
        cross join generate_series(date '{quarter.End.AddMonths(-4):yyyy-MM}-01', date '{quarter.End:yyyy-MM-dd}', interval '1 month') as m(month)
        where p.party_status in ('probationary', 'full_member');

        -- One published plan of the root committee, a task per branch and quarter (one in eight of the last still open).
        insert into workflow.plan (id, organization_id, year, level, title, status, published_at)
        select gen_random_uuid(), id, {quarter.Year}, 'committee', '年初部署', 'published', now() from workflow.organization where parent_id is null;
        insert into workflow.plan_task (id, plan_id, organization_id, owner_organization_id, title, due_on, status, completed_on)
        select gen_random_uuid(), pl.id, pl.organization_id, o.id, '第' || q || '季度重点任务', (date '{quarter.YearStart:yyyy-MM-dd}' + make_interval(months => q * 3))::date - 1,
               case when q = {quarter.Number} and abs(hashtext(o.id::text)) % 8 = 0 then 'open' else 'done' end,
               case when q = {quarter.Number} and abs(hashtext(o.id::text)) % 8 = 0 then null
                    else (date '{quarter.YearStart:yyyy-MM-dd}' + make_interval(months => q * 3))::date - 5 end
        from workflow.plan pl cross join generate_series(1, {quarter.Number}) q
        join workflow.organization o on o.type in ('branch', 'joint_branch', 'temporary_branch', 'general_branch');

        -- Everyone on the way in has a file; one in six is past the next step's due date.
        insert into workflow.recruitment_file (id, person_id, organization_id, applied_on, stage, next_step, next_due_on, status)
        select gen_random_uuid(), p.id, p.organization_id, date '{quarter.End:yyyy-MM-dd}' - 200,
               case p.party_status when 'applicant' then 1 when 'activist' then 2 else 3 end,
               case p.party_status when 'applicant' then 2 when 'activist' then 7 else 12 end,
               date '{quarter.End:yyyy-MM-dd}' + case when abs(hashtext(p.id::text)) % 6 = 0 then -10 else 40 end, 'open'
        from workflow.person p where p.party_status in ('applicant', 'activist', 'candidate');
        """;
}
