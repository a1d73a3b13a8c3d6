using RedSail.Modules.Workflow.Domain;
using RedSail.Modules.Workflow.Features.SeedDemoData;

namespace RedSail.Modules.Workflow.Features.Plans;

/// <summary>
/// The demo's annual deployment: the committee's plan for this year, published in January, with eight tasks to every
/// branch due through the year; past-due tasks mostly done (results reported, most accepted, some awaiting review), a
/// few overdue; later ones mostly open.
/// </summary>
internal sealed class PlansDemoPart : IDemoPart<WorkflowDb>
{
    public int Order => 40;

    public async Task<int> SeedAsync(WorkflowDb db, int seed, DateOnly today, CancellationToken ct) =>
        await db.ExecuteScalarAsync<int>($"""
            with committee as (
                select o.id, o.path from workflow.organization o where o.parent_id is null and o.status = 'active' order by o.path limit 1),
            plan as (
                insert into workflow.plan (id, organization_id, year, level, title, summary, status, published_at)
                select gen_random_uuid(), c.id, @year, 'committee', @year || '年党建工作要点', '围绕“强基固本、提质增效”，部署全年党建工作，支部对照任务报告完成情况。',
                       'published', make_date(@year, 1, 20)::timestamptz
                from committee c
                -- a plan the committee already made for this year stays as it is
                on conflict (organization_id, year) do nothing
                returning id, organization_id),
            item (n, title, expected, due) as (values
                (1, '制定支部年度工作计划', '支部年度工作布局经支委会讨论通过并报党委', make_date(@year, 3, 31)),
                (2, '开展党纪学习教育', '每名党员参加集中学习不少于 2 次，形成学习记录', make_date(@year, 4, 30)),
                (3, '召开专题组织生活会', '会前谈心谈话全覆盖，会后形成整改清单', make_date(@year, 6, 30)),
                (4, '开展“七一”主题党日活动', '活动方案、签到表和照片', make_date(@year, 7, 15)),
                (5, '完成党员信息采集核对', '本支部党员信息完整率 100%', make_date(@year, 9, 30)),
                (6, '发展党员工作自查', '自查报告及问题整改情况', make_date(@year, 10, 31)),
                (7, '党费收缴情况核查', '党费收缴台账与基数核定表', make_date(@year, 11, 30)),
                (8, '年度述职及民主评议党员准备', '述职报告初稿、评议方案', make_date(@year, 12, 20))),
            assigned as (
                select gen_random_uuid() as id, p.id as plan_id, p.organization_id, b.id as owner, i.title, i.expected, i.due,
                       abs(hashtext(b.id::text || i.n || @seed)) % 100 as luck
                from plan p join committee c on c.id = p.organization_id
                join workflow.organization b on b.path <@ c.path and b.id <> c.id and b.status = 'active' and {BranchTypes.Sql("b")}
                cross join item i),
            task as (
                insert into workflow.plan_task (id, plan_id, organization_id, owner_organization_id, title, expected_result, due_on, status,
                                                completed_on, completion_note, accepted_at)
                select a.id, a.plan_id, a.organization_id, a.owner, a.title, a.expected, a.due, s.status,
                       case when s.status = 'done' then least(a.due - (a.luck % 20), @today) end,
                       case when s.status = 'done' then '已按要求完成：' || a.expected || '。' end,
                       case when s.status = 'done' and a.luck % 3 <> 0 then least(a.due - (a.luck % 20) + 5, @today)::timestamptz end
                from assigned a
                cross join lateral (select case
                    when a.due < @today and a.luck >= 12 then 'done'
                    when a.due >= @today and a.luck < 20 then 'done'
                    else 'open' end as status) s
                returning id, status, completion_note, accepted_at),
            events as (
                insert into workflow.plan_task_event (id, task_id, action, note, at)
                select gen_random_uuid(), t.id, e.action, e.note, e.at
                from task t cross join lateral (values
                    ('assigned', null::text, make_date(@year, 1, 20)::timestamptz, true),
                    ('reported', t.completion_note, make_date(@year, 1, 21)::timestamptz, t.status = 'done'),
                    ('accepted', null, t.accepted_at, t.accepted_at is not null)) as e(action, note, at, happened)
                where e.happened
                returning 1)
            select (select count(*) from task) + (select count(*) from events) + (select count(*) from plan)
            """, new { year = today.Year, today, seed }, ct);
}
