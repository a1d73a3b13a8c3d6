using RedSail.Modules.Workflow.Domain;
using RedSail.Modules.Workflow.Features.SeedDemoData;

namespace RedSail.Modules.Workflow.Features.Study;

/// <summary>
/// The demo's study and committee work: each branch's quarterly centralised study (6 hours, most members attend) and the
/// committee's two big classes (4 hours) so far this year — some members fall below the yearly minimum; training records
/// for the committee members; the committee's quarterly exchanges; a few showcase entries and year-end nominations.
/// </summary>
internal sealed class StudyDemoPart : IDemoPart<WorkflowDb>
{
    public int Order => 41;

    public async Task<int> SeedAsync(WorkflowDb db, int seed, DateOnly today, CancellationToken ct)
    {
        var added = await db.ExecuteScalarAsync<int>($"""
            with committee as (
                select o.id, o.path from workflow.organization o where o.parent_id is null and o.status = 'active' order by o.path limit 1),
            branch as (
                select b.id, b.path, b.name, row_number() over (order by b.path) as n from workflow.organization b join committee c on b.path <@ c.path
                where b.id <> c.id and b.status = 'active' and {BranchTypes.Sql("b")}),
            -- each member once, with the innermost branch (a 党总支 contains branches)
            member_branch as (
                select distinct on (p.id) p.id, p.name, b.id as branch_id, b.path, b.n as branch_n
                from workflow.person p join workflow.organization o on o.id = p.organization_id join branch b on o.path <@ b.path
                where p.party_status in ('probationary', 'full_member') and p.relation <> 'transferred_out'
                order by p.id, nlevel(b.path) desc),
            member as (select mb.*, row_number() over (partition by mb.branch_id order by mb.name, mb.id) as n from member_branch mb),
            planned (organization_id, held_on, topic, hours, kind) as (
                select b.id, make_date(@year, q * 3 - 1, 10 + b.n::int % 10), '第' || q || '季度集中学习：' ||
                       (array['学习贯彻党的二十届三中全会精神', '党纪学习教育', '学习《中国共产党支部工作条例》', '学习习近平总书记重要讲话精神'])[q],
                       6.0, 'centralised'
                from branch b cross join generate_series(1, 4) q
                union all
                select c.id, make_date(@year, m, 25), (case m when 5 then '党课大课：新时代党的建设总要求' else '党课大课：全面从严治党永远在路上' end), 4.0, 'big_class'
                from committee c cross join (values (5), (10)) as months(m)),
            session as (
                insert into workflow.study_session (id, organization_id, held_on, topic, hours, kind)
                select gen_random_uuid(), organization_id, held_on, topic, hours, kind from planned where held_on <= @today
                returning id, organization_id, held_on),
            participant as (
                insert into workflow.study_participant (session_id, person_id)
                select s.id, m.id from session s join workflow.organization so on so.id = s.organization_id join member m on m.path <@ so.path
                where abs(hashtext(s.id::text || m.id::text || @seed)) % 100 >= 12 or m.n % 5 <> 0
                returning 1),
            training as (
                insert into workflow.training_record (id, person_id, organization_id, title, organizer, held_on, hours, kind)
                select gen_random_uuid(), cs.person_id, cs.organization_id, t.title, t.organizer, t.held_on, t.hours, t.kind
                from workflow.committee_seat cs join workflow.organization o on o.id = cs.organization_id join committee c on o.path <@ c.path
                cross join (values
                    ('支部书记集中轮训', '机关党委', make_date(@year, 4, 18), 16.0, 'centralised'),
                    ('党务干部网络培训：发展党员工作实务', '全国党员干部现代远程教育', make_date(@year, 6, 6), 8.0, 'online'),
                    ('专题讲座：党费收缴使用和管理', '机关党委', make_date(@year, 9, 12), 3.0, 'lecture')) as t(title, organizer, held_on, hours, kind)
                where t.held_on <= @today
                returning 1),
            exchange as (
                insert into workflow.exchange_meeting (id, organization_id, year, quarter, held_on, topic, branch_ids, summary)
                select gen_random_uuid(), c.id, @year, q, make_date(@year, q * 3, 20), '第' || q || '季度支部工作交流',
                       array(select id from branch order by path), '各支部交流本季度组织生活、发展党员和党费收缴情况，党委点评并部署下季度工作。'
                from committee c cross join generate_series(1, 4) q where make_date(@year, q * 3, 20) <= @today
                returning 1),
            achievement as (
                insert into workflow.study_achievement (id, organization_id, person_id, year, title, summary, featured)
                select gen_random_uuid(), b.id, m.id, @year, a.title, a.summary, a.featured
                from branch b join (values
                    (1, 1, '理论学习心得：以党纪学习教育促作风建设', '结合科研工作谈学纪、知纪、明纪、守纪的体会。', true),
                    (2, null, '支部“学习强国”积分全所第一', '支部党员人均学习积分全所最高，形成每日一学机制。', true),
                    (3, 2, '微党课《红色家书》', '录制微党课并在全所展播。', false)) as a(branch_n, member_n, title, summary, featured) on a.branch_n = b.n
                left join member m on m.branch_n = b.n and m.n = a.member_n
                returning 1),
            nomination as (
                insert into workflow.nomination (id, organization_id, year, kind, person_id, reason, result, result_note, decided_at)
                select gen_random_uuid(), b.id, @year, x.kind, m.id, x.reason, x.result, x.note, case when x.result <> 'pending' then now() end
                from branch b join (values
                    (1, 'branch', null, '全年组织生活规范，党员学习学时全部达标。', 'selected', '第一名'),
                    (2, 'branch', null, '发展党员工作规范，党费收缴及时。', 'not_selected', null),
                    (1, 'member', 1, '科研攻关中发挥先锋模范作用。', 'selected', null),
                    (3, 'member', 1, '长期坚持志愿服务。', 'pending', null)) as x(branch_n, kind, member_n, reason, result, note) on x.branch_n = b.n
                left join member m on m.branch_n = b.n and m.n = x.member_n
                returning 1)
            select (select count(*) from session) + (select count(*) from participant) + (select count(*) from training)
                 + (select count(*) from exchange) + (select count(*) from achievement) + (select count(*) from nomination)
            """, new { year = today.Year, today, seed }, ct);
        // What Analytics' annual report counts trainings from: every record, one statement.
        await TrainingPublications.PublishAsync(db, null, ct);
        return added;
    }
}
