using System.Text.Json;
using RedSail.Modules.Workflow.Domain;
using RedSail.Modules.Workflow.Features.SeedDemoData;

namespace RedSail.Modules.Workflow.Features.Evaluations;

/// <summary>
/// The demo's evaluations: last year's 民主评议党员 held and closed in four branches (about nine in ten full members voted,
/// most grades 合格, a few members mostly 优秀, one in ten drawing 基本合格 votes), and this year's 述职测评 open at the
/// committee, with five branches' reports in (one returned) and half the evaluators' ballots cast. Grades are drawn from
/// hashes of the seed and ids, so the same seed gives the same votes.
/// </summary>
internal sealed class EvaluationsDemo : IDemoPart<WorkflowDb>
{
    public int Order => 50;

    public async Task<int> SeedAsync(WorkflowDb db, int seed, DateOnly today, CancellationToken ct)
    {
        var added = 0;
        var lastYear = today.Year - 1;
        var branches = await db.QueryAsync<Guid>($"""
            select o.id from workflow.organization o
            where o.status = 'active' and {BranchTypes.Sql("o")}
              and exists (select 1 from workflow.person p where p.organization_id = o.id and {RoundMembers.Voting})
            order by o.path limit 4
            """, null, ct);
        foreach (var branchId in branches)
        {
            var id = await OpenAsync(db, seed, branchId, EvaluationKinds.DemocraticReview, lastYear, new DateOnly(lastYear, 12, 1),
                new DateOnly(lastYear, 12, 15), Electorates.AllMembers, ct);
            var votedAt = new DateTime(lastYear, 12, 10, 2, 0, 0, DateTimeKind.Utc);
            await db.ExecuteAsync(string.Format(VotersSql, 10), new { id, seed = seed.ToString(), votedAt }, ct);
            added += await db.ExecuteAsync(DemocraticBallotsSql, new { id, seed = seed.ToString() }, ct);
            added += (await RoundTally.CloseAsync(db, await LoadAsync(db, id, ct), ct)).BallotCount;
            await db.ExecuteAsync("update workflow.evaluation_round set closed_at = @closedAt where id = @id",
                new { id, closedAt = new DateTime(lastYear, 12, 16, 2, 0, 0, DateTimeKind.Utc) }, ct);
        }

        var committee = await db.QuerySingleOrDefaultAsync<Guid?>(
            $"""
            select o.id from workflow.organization o
            where o.parent_id is null and o.status = 'active'
              and exists (select 1 from workflow.organization b where b.path <@ o.path and b.id <> o.id and {BranchTypes.Sql("b")})
            order by o.path limit 1
            """, null, ct);
        if (committee is null) return added;
        var annual = await OpenAsync(db, seed, committee.Value, EvaluationKinds.AnnualReview, today.Year, today.AddDays(-7), today.AddDays(14),
            Electorates.Committee, ct);
        added += await db.ExecuteAsync(ReportsSql, new { id = annual }, ct);
        await db.ExecuteAsync(string.Format(VotersSql, 2),
            new { id = annual, seed = seed.ToString(), votedAt = today.AddDays(-2).ToDateTime(new TimeOnly(2, 0), DateTimeKind.Utc) }, ct);
        added += await db.ExecuteAsync(AnnualBallotsSql,
            new { id = annual, seed = seed.ToString(), items = JsonSerializer.Serialize(EvaluationConfig.DefaultItems, EvaluationRounds.Json) }, ct);
        return added;
    }

    private static async Task<Guid> OpenAsync(WorkflowDb db, int seed, Guid organizationId, string kind, int year, DateOnly startsOn, DateOnly endsOn,
        string electorate, CancellationToken ct)
    {
        var id = await db.QuerySingleAsync<Guid>("""
            insert into workflow.evaluation_round (id, organization_id, kind, year, title, starts_on, ends_on, electorate, config, opened_at)
            values (md5(@seed || @kind || @organizationId)::uuid, @organizationId, @kind, @year, @title, @startsOn, @endsOn, @electorate,
                    @config::jsonb, @startsOn::timestamptz)
            returning id
            """, new
            {
                seed = seed.ToString(), kind, organizationId, year, startsOn, endsOn, electorate,
                title = kind == EvaluationKinds.AnnualReview ? $"{year}年度基层党组织书记述职测评" : $"{year}年度民主评议党员",
                config = JsonSerializer.Serialize(new EvaluationConfig().For(kind), EvaluationRounds.Json),
            }, ct);
        await db.QuerySingleAsync<(int, int)>(kind == EvaluationKinds.AnnualReview ? RoundMembers.AnnualSql : RoundMembers.DemocraticSql,
            new { id, organizationId, allMembers = electorate == Electorates.AllMembers }, ct);
        return id;
    }

    private static async Task<EvaluationRound> LoadAsync(WorkflowDb db, Guid id, CancellationToken ct) =>
        await db.QuerySingleAsync<EvaluationRound>($"""
            select {EvaluationRounds.Columns} from workflow.evaluation_round r join workflow.organization o on o.id = r.organization_id
            where r.id = @id
            """, new { id }, ct);

    /// <summary>
    /// Who voted: the voters whose hash is not 0 modulo {0} (nine in ten, or one in two). The ballots are drawn by the same
    /// rule from the electorate in a separate statement: no statement names both tables (see BallotAnonymityTests).
    /// </summary>
    private const string VotersSql = """
        insert into workflow.ballot_voter (round_id, person_id, voted_at)
        select @id, v.person_id, @votedAt from workflow.evaluation_voter v
        where v.round_id = @id and abs(hashtext(v.person_id::text || @seed)) % {0} <> 0
        """;

    /// <summary>Nine in ten voters; per member a leaning (two in ten strong, one in ten weak) and per vote a draw.</summary>
    private const string DemocraticBallotsSql = """
        with voters as (
            select v.person_id from workflow.evaluation_voter v
            where v.round_id = @id and abs(hashtext(v.person_id::text || @seed)) % 10 <> 0),
        marks as (
            select v.person_id as voter, s.subject_id,
                   case abs(hashtext(s.subject_id::text || @seed)) % 10
                       when 0 then case when x.h < 70 then 'excellent' else 'qualified' end
                       when 1 then case when x.h < 60 then 'excellent' else 'qualified' end
                       when 9 then case when x.h < 55 then 'basically_qualified' when x.h < 60 then 'unqualified' else 'qualified' end
                       else case when x.h < 15 then 'excellent' when x.h < 98 then 'qualified' else 'basically_qualified' end
                   end as grade
            from voters v
            cross join workflow.evaluation_subject s
            cross join lateral (select abs(hashtext(v.person_id::text || s.subject_id::text || @seed)) % 100 as h) x
            where s.round_id = @id)
        insert into workflow.ballot (round_id, marks)
        select @id, jsonb_object_agg(subject_id, grade) from marks group by voter order by md5(voter::text || @seed)
        """;

    /// <summary>The first five branches reported; the fifth was returned for more on 工作成效.</summary>
    private const string ReportsSql = """
        insert into workflow.evaluation_report (round_id, organization_id, text, status, return_reason, submitted_at)
        select @id, s.subject_id,
               s.name || '书记述职报告：一年来，支部坚持以习近平新时代中国特色社会主义思想为指导，落实“三会一课”制度，'
                      || '按期开展主题党日和组织生活会，党员教育管理和党费收缴规范，发展党员工作按程序推进。存在问题：理论学习深度不够，'
                      || '联系群众的方式较单一。下一步将围绕中心工作，进一步发挥支部战斗堡垒作用。',
               case when n = 5 then 'returned' else 'submitted' end,
               case when n = 5 then '请补充本年度工作成效的具体数据。' end,
               r.starts_on::timestamptz + (n || ' days')::interval
        from (select subject_id, name, row_number() over (order by name collate "zh-x-icu", subject_id) as n
              from workflow.evaluation_subject where round_id = @id) s
        join workflow.evaluation_round r on r.id = @id
        where n <= 5
        """;

    /// <summary>Half the evaluators have scored every branch, between 75% and 99% of each item's maximum.</summary>
    private const string AnnualBallotsSql = """
        with voters as (
            select v.person_id from workflow.evaluation_voter v
            where v.round_id = @id and abs(hashtext(v.person_id::text || @seed)) % 2 <> 0),
        scores as (
            select v.person_id as voter, s.subject_id,
                   jsonb_object_agg(it.key, round(it."maxPoints" * (75 + abs(hashtext(v.person_id::text || s.subject_id::text || it.key || @seed)) % 25) / 100.0, 1)) as points
            from voters v
            cross join workflow.evaluation_subject s
            cross join jsonb_to_recordset(@items::jsonb) as it(key text, "maxPoints" numeric)
            where s.round_id = @id
            group by v.person_id, s.subject_id)
        insert into workflow.ballot (round_id, marks)
        select @id, jsonb_object_agg(subject_id, points) from scores group by voter order by md5(voter::text || @seed)
        """;
}
