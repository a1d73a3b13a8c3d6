using RedSail.Modules.Personnel.Contracts;
using RedSail.Modules.Workflow.Domain;
using RedSail.Modules.Workflow.Features.Meetings;

namespace RedSail.Modules.Workflow.Features.SeedDemoData;

/// <summary>
/// The demo's organisational life from January of last year up to today: every branch holds its 支委会 (with a committee), 主题党日
/// and 党小组会 monthly, 支部党员大会 quarterly, 党课 quarterly (local practice), 组织生活会 and 民主评议 in January, 谈心谈话 in
/// March. A few branches (by name order) leave gaps, so the compliance board shows yellow and red: the 5th misses a 支委会 and a
/// 主题党日, the 10th its recent 党员大会, the 13th two months of its second group's meetings, the 16th the year's 党课 and 谈心谈话.
/// Attendance: most present, some excused with a reason, a few absent; the youngest member of the 8th branch has missed
/// everything for four months (an absence alert).
/// </summary>
internal sealed class MeetingsDemoPart : IDemoPart<WorkflowDb>
{
    public int Order => 10;

    private static readonly MeetingRules Rules = WorkflowRules.Regulation2014.Meetings;

    public async Task<int> SeedAsync(WorkflowDb db, int seed, DateOnly today, CancellationToken ct)
    {
        var meetings = await db.ExecuteAsync($"""
            create temporary table demo_meeting on commit drop as
            with branch as (
                select o.id, (row_number() over (order by o.name, o.id) - 1)::int as i
                from workflow.organization o where o.status = 'active' and {BranchTypes.Sql("o")}),
            month as (
                -- every month since January of last year, so that both years' compliance boards read true
                select n, (date_trunc('month', @today::date) - make_interval(months => n))::date as m
                from generate_series(0, 11 + extract(month from @today::date)::int) n),
            planned as (
                select b.id as organization_id, b.i, '{MeetingTypes.CommitteeMeeting}' as type, mo.n, mo.m + (2 + b.i % 4) as held_on
                from branch b cross join month mo
                where exists (select 1 from workflow.committee_seat s where s.organization_id = b.id) and not (b.i = 4 and mo.n = 2)
                union all
                select b.id, b.i, '{MeetingTypes.ThemeDay}', mo.n, mo.m + 14 from branch b cross join month mo where not (b.i = 4 and mo.n = 1)
                union all
                select b.id, b.i, '{MeetingTypes.GeneralMeeting}', mo.n, mo.m + 19 + b.i % 3 from branch b cross join month mo
                where extract(month from mo.m)::int % 3 = 2 and not (b.i = 9 and mo.n between 1 and 4)
                union all
                select b.id, b.i, '{MeetingTypes.PartyLecture}', mo.n, mo.m + 24 from branch b cross join month mo
                where extract(month from mo.m)::int % 3 = 0 and b.i <> 15
                union all
                select b.id, b.i, t.type, mo.n, mo.m + t.day from branch b cross join month mo
                cross join (values ('{MeetingTypes.LifeMeeting}', 17, 1), ('{MeetingTypes.DemocraticReview}', 21, 1), ('{MeetingTypes.HeartToHeartTalk}', 9, 3))
                    as t(type, day, month)
                where extract(month from mo.m)::int = t.month and not (b.i = 15 and t.type = '{MeetingTypes.HeartToHeartTalk}')
                union all
                select g.id, b.i, '{MeetingTypes.GroupMeeting}', mo.n, mo.m + 9 from branch b
                join workflow.organization g on g.parent_id = b.id and g.type = '{OrganizationTypes.PartyGroup}' and g.status = 'active'
                cross join month mo
                where not (b.i = 12 and g.name like '第二%' and mo.n in (1, 3)))
            select md5(@seed || ':' || p.organization_id || ':' || p.type || ':' || p.held_on)::uuid as id, p.*,
                   abs(('x' || substr(md5(@seed || p.organization_id::text || p.held_on), 1, 8))::bit(32)::int) as h
            from planned p where p.held_on <= @today::date;

            insert into workflow.meeting (id, organization_id, type, held_on, starts_at, ends_at, place, host_person_id, host_name,
                recorder_person_id, recorder_name, topic, resolutions, expected, present, quorum_required, quorum_met, recorded_at)
            select m.id, m.organization_id, m.type, m.held_on,
                   (m.held_on + time '14:30') at time zone 'Asia/Shanghai', (m.held_on + time '16:00') at time zone 'Asia/Shanghai',
                   (array['党员活动室', '三楼会议室', '第二会议室', '党建活动中心', '报告厅'])[1 + m.h % 5],
                   host.id, coalesce(host.name, '支部书记'), recorder.id, coalesce(recorder.name, host.name, '组织委员'),
                   case m.type
                       when '{MeetingTypes.CommitteeMeeting}' then (array['研究本月党建工作安排', '研究发展党员工作', '研究党费收缴情况', '研究主题党日活动方案'])[1 + m.h % 4]
                       when '{MeetingTypes.ThemeDay}' then (array['重温入党誓词', '参观红色教育基地', '志愿服务进社区', '学习党章党规'])[1 + m.h % 4]
                       when '{MeetingTypes.GeneralMeeting}' then (array['传达学习上级会议精神', '讨论接收预备党员', '通报季度工作', '选举出席上级党代会代表'])[1 + m.h % 4]
                       when '{MeetingTypes.PartyLecture}' then (array['书记讲党课：坚定理想信念', '党课：全面从严治党', '党课：弘扬科学家精神'])[1 + m.h % 3]
                       when '{MeetingTypes.GroupMeeting}' then (array['学习近期重要讲话精神', '交流学习心得', '讨论本组工作'])[1 + m.h % 3]
                       when '{MeetingTypes.LifeMeeting}' then '年度组织生活会：对照检查、批评与自我批评'
                       when '{MeetingTypes.DemocraticReview}' then '年度民主评议党员'
                       else '支委与党员谈心谈话' end,
                   case when m.type in ('{MeetingTypes.CommitteeMeeting}', '{MeetingTypes.GeneralMeeting}') then '会议讨论通过了有关事项，明确了责任人和完成时限。' end,
                   0, 0, false, null, (m.held_on + time '18:00') at time zone 'Asia/Shanghai'
            from demo_meeting m
            left join lateral (
                select p.id, p.name from workflow.committee_seat s join workflow.person p on p.id = s.person_id
                where s.organization_id = m.organization_id and s.post = 'secretary' limit 1) host on true
            left join lateral (
                select p.id, p.name from workflow.person p
                where p.organization_id = m.organization_id and p.party_status in ('probationary', 'full_member') and p.id is distinct from host.id
                order by p.id limit 1) recorder on true;

            insert into workflow.meeting_attendance (meeting_id, person_id, organization_id, held_on, status, reason)
            select m.id, r.id, m.organization_id, m.held_on,
                   case when r.absentee and m.n <= 3 then 'absent' when a.h < 6 then 'excused' when a.h < 9 then 'absent' else 'present' end,
                   case when not (r.absentee and m.n <= 3) and a.h < 6 then (array['出差', '病假', '公务外出', '参加培训', '家中有事', '年休假'])[a.h + 1] end
            from demo_meeting m
            join workflow.organization o on o.id = m.organization_id
            cross join lateral (
                select p.id, p.id = (select y.id from workflow.person y join workflow.organization yo on yo.id = y.organization_id
                                     where m.i = 7 and y.organization_id = case when o.type = '{OrganizationTypes.PartyGroup}' then o.parent_id else o.id end
                                       and y.party_status in ('probationary', 'full_member') and y.relation = 'active'
                                     order by y.birth_date desc, y.id limit 1) is true as absentee
                from workflow.person p join workflow.organization po on po.id = p.organization_id
                where (p.organization_id = m.organization_id or (po.parent_id = m.organization_id and po.type = '{OrganizationTypes.PartyGroup}'))
                  and p.relation = 'active' and p.party_status in ('probationary', 'full_member')) r
            cross join lateral (select abs(('x' || substr(md5(m.id::text || r.id::text), 1, 8))::bit(32)::int) % 100 as h) a;

            update workflow.meeting m
            set expected = c.expected, present = c.present,
                quorum_required = m.type in ('{MeetingTypes.CommitteeMeeting}', '{MeetingTypes.GeneralMeeting}'),
                quorum_met = case m.type
                    when '{MeetingTypes.CommitteeMeeting}' then c.seats_present * 100 > c.seats * {Rules.CommitteeQuorumPercent}
                    when '{MeetingTypes.GeneralMeeting}' then c.voting_present * 100 > c.voting * {Rules.GeneralMeetingQuorumPercent} end
            from (
                select a.meeting_id, count(*)::int as expected, count(*) filter (where a.status = 'present')::int as present,
                       count(*) filter (where p.party_status = 'full_member') as voting,
                       count(*) filter (where p.party_status = 'full_member' and a.status = 'present') as voting_present,
                       (select count(*) from workflow.committee_seat s where s.organization_id = a.organization_id) as seats,
                       count(*) filter (where a.status = 'present' and exists (
                           select 1 from workflow.committee_seat s where s.organization_id = a.organization_id and s.person_id = a.person_id))
                           as seats_present
                from workflow.meeting_attendance a join demo_meeting d on d.id = a.meeting_id
                left join workflow.person p on p.id = a.person_id
                group by a.meeting_id, a.organization_id) c
            where c.meeting_id = m.id;
            """, new { seed = seed.ToString(), today }, ct);
        // What Analytics' heat map is built from: every meeting, and both years' quotas of every branch, one statement each.
        await MeetingPublications.PublishRecordedAsync(db, null, ct);
        foreach (var year in new[] { today.Year - 1, today.Year })
            await MeetingPublications.PublishQuotasAsync(db, MeetingPublications.ActiveBranchesSql, null, year, ct);
        return meetings;
    }
}
