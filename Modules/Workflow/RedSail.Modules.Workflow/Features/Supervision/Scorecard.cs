using Dapper;
using RedSail.BuildingBlocks.Rules;
using RedSail.Modules.Workflow.Domain;
using RedSail.Modules.Workflow.Features.Compliance;

namespace RedSail.Modules.Workflow.Features.Supervision;

/// <summary>
/// The quarterly scorecard of every branch (or one) in one set-based query: meetings held against the required frequency per
/// type, attendance, recruitment steps overdue, dues due against paid and months in arrears, plan tasks done, the committee's
/// term, and the completeness of member records — each item green, yellow or red with its figures, and the branch's grade
/// the worst of them (items that do not apply are <c>none</c> and count for nothing).
/// A past quarter is judged as at its last day (a period that ended inside it and was not met is red); the running quarter
/// as at today (an unmet period still running is yellow). Figures that have no history (open recruitment steps, the
/// committee's current term) are read as they are when the scorecard is computed: the scheduled run computes right after the
/// quarter's end, and the report is kept as it was then.
/// </summary>
internal static class Scorecard
{
    private const string BranchesSql =
        "select o.id from workflow.organization o where o.status = 'active' and o.type = any(@branchTypes) and (@organizationId::uuid is null or o.id = @organizationId)";

    /// <summary>One row per branch: organization_id, organization_name, grade, items (jsonb array, fixed order).</summary>
    public static readonly string Sql = $"""
        with branch as (
            select o.id, o.name, o.term_ends_on
            from workflow.organization o
            where o.status = 'active' and o.type = any(@branchTypes) and (@organizationId::uuid is null or o.id = @organizationId)),
        -- an organisation's branch: party groups belong to their parent branch
        belongs as (
            select o.id, case when o.type = 'party_group' then o.parent_id else o.id end as branch_id from workflow.organization o),
        -- meetings held against the quotas, counted as the compliance board counts them (ComplianceSql), up to the quarter's end
        counts as ({ComplianceSql.Counts(ComplianceSql.RequirementArrays, BranchesSql, "@quarterEnd")}),
        meeting_item as (
            select c.branch_id, c.type,
                   case when bool_or(c.held < c.required and c.ends_on < @asOf) then 'red'
                        when bool_or(c.held < c.required) then 'yellow' else 'green' end as status,
                   sum(c.held) as held, sum(c.required) as required,
                   count(*) filter (where c.held < c.required and c.ends_on < @asOf) as missed_periods
            from counts c group by c.branch_id, c.type),
        attendance as (
            select b.branch_id, sum(m.present) as present, sum(m.expected) as expected
            from workflow.meeting m join belongs b on b.id = m.organization_id
            where m.removed_at is null and m.held_on between @quarterStart and @quarterEnd
            group by b.branch_id),
        recruitment as (
            select b.branch_id, count(*) filter (where f.next_due_on < @asOf) as overdue,
                   count(*) filter (where f.next_due_on >= @asOf and f.next_due_on < @asOf + @upcomingDays) as upcoming
            from workflow.recruitment_file f join belongs b on b.id = f.organization_id
            where f.status in ('open', 'admitted') and f.next_step <= 25 group by b.branch_id),
        dues as (
            select b.branch_id,
                   sum(d.amount_due - d.reduction) filter (where d.month >= @quarterStart) as due,
                   sum(least(d.paid, d.amount_due - d.reduction)) filter (where d.month >= @quarterStart) as paid,
                   max(d.unpaid_months) as most_unpaid_months
            from (select dm.organization_id, dm.month, dm.amount_due, dm.reduction, dm.paid,
                         count(*) filter (where dm.paid < dm.amount_due - dm.reduction) over (partition by dm.person_id) as unpaid_months
                  from workflow.dues_month dm
                  where dm.month between (@quarterEnd::date - make_interval(months => @arrearsWindowMonths))::date and @quarterEnd) d
            join belongs b on b.id = d.organization_id
            group by b.branch_id),
        tasks as (
            select t.owner_organization_id as branch_id, count(*) as total,
                   count(*) filter (where t.status = 'done' and t.completed_on <= @quarterEnd) as done,
                   count(*) filter (where not (t.status = 'done' and t.completed_on <= @quarterEnd) and t.due_on < @asOf) as overdue
            from workflow.plan_task t join workflow.plan pl on pl.id = t.plan_id and pl.status = 'published'
            where t.status <> 'cancelled' and t.due_on <= @quarterEnd
            group by t.owner_organization_id),
        members as (
            select b.branch_id, count(*) as members,
                   count(*) filter (where p.joined_on is not null
                       and (select count(distinct r.set_kind) from workflow.person_record r
                            where r.person_id = p.id and r.set_kind = any(@requiredSets)) = cardinality(@requiredSets)) as complete
            from workflow.person p join belongs b on b.id = p.organization_id
            where p.relation <> 'transferred_out' and p.party_status in ('probationary', 'full_member')
            group by b.branch_id),
        item as (
            select m.branch_id, 10 + array_position(@meetingTypes::text[], m.type) as ord, jsonb_build_object(
                'item', 'meeting', 'type', m.type, 'status', m.status, 'value', m.held, 'expected', m.required,
                'missedPeriods', m.missed_periods) as body, m.status
            from meeting_item m
            union all
            select br.id, 30, jsonb_build_object('item', 'attendance', 'status', s.status, 'value', a.percent,
                'expected', @attendanceYellow), s.status
            from branch br left join attendance att on att.branch_id = br.id
            cross join lateral (select case when coalesce(att.expected, 0) = 0 then null
                                            else round(100.0 * att.present / att.expected, 1) end as percent) a
            cross join lateral (select case when a.percent is null then 'none' when a.percent < @attendanceRed then 'red'
                                            when a.percent < @attendanceYellow then 'yellow' else 'green' end as status) s
            union all
            select br.id, 40, jsonb_build_object('item', 'recruitment', 'status', s.status, 'value', coalesce(r.overdue, 0),
                'upcoming', coalesce(r.upcoming, 0)), s.status
            from branch br left join recruitment r on r.branch_id = br.id
            cross join lateral (select case when r.branch_id is null then 'none' when r.overdue > 0 then 'red'
                                            when r.upcoming > 0 then 'yellow' else 'green' end as status) s
            union all
            select br.id, 50, jsonb_build_object('item', 'dues', 'status', s.status, 'value', d.paid, 'expected', d.due,
                'mostUnpaidMonths', coalesce(d.most_unpaid_months, 0)), s.status
            from branch br left join dues d on d.branch_id = br.id
            cross join lateral (select case when d.branch_id is null or coalesce(d.due, 0) = 0 then 'none'
                                            when d.most_unpaid_months >= @arrearsAlertMonths then 'red'
                                            when d.paid < d.due then 'yellow' else 'green' end as status) s
            union all
            select br.id, 60, jsonb_build_object('item', 'plan_tasks', 'status', s.status, 'value', t.done, 'expected', t.total,
                'overdue', coalesce(t.overdue, 0)), s.status
            from branch br left join tasks t on t.branch_id = br.id
            cross join lateral (select case when t.branch_id is null then 'none' when t.overdue > 0 then 'red'
                                            when t.done < t.total then 'yellow' else 'green' end as status) s
            union all
            select br.id, 70, jsonb_build_object('item', 'term', 'status', s.status, 'value', br.term_ends_on), s.status
            from branch br
            cross join lateral (select case when br.term_ends_on is null then 'yellow' when br.term_ends_on < @asOf then 'red'
                                            when br.term_ends_on < @asOf + make_interval(months => @termNoticeMonths) then 'yellow'
                                            else 'green' end as status) s
            union all
            select br.id, 80, jsonb_build_object('item', 'completeness', 'status', s.status, 'value', c.percent,
                'expected', @completenessYellow, 'members', coalesce(m.members, 0)), s.status
            from branch br left join members m on m.branch_id = br.id
            cross join lateral (select case when coalesce(m.members, 0) = 0 then null else round(100.0 * m.complete / m.members, 1) end as percent) c
            cross join lateral (select case when c.percent is null then 'none' when c.percent < @completenessRed then 'red'
                                            when c.percent < @completenessYellow then 'yellow' else 'green' end as status) s)
        select br.id as organization_id, br.name as organization_name,
               case when bool_or(i.status = 'red') then 'red' when bool_or(i.status = 'yellow') then 'yellow' else 'green' end as grade,
               jsonb_agg(i.body order by i.ord) as items
        from branch br join item i on i.branch_id = br.id
        group by br.id, br.name
        """;

    /// <summary>
    /// The query's parameters for a quarter judged as at <paramref name="asOf"/> (the day after its end once it has ended): the
    /// thresholds of the rules in force at the quarter's end, and each meeting period judged by the rules in force when it began.
    /// </summary>
    public static DynamicParameters Parameters(Quarter quarter, DateOnly asOf, RuleSets<WorkflowRules> sets, Guid? organizationId)
    {
        var rules = sets.At(quarter.End);
        var parameters = new DynamicParameters();
        parameters.AddDynamicParams(new
        {
            branchTypes = BranchTypes.All, organizationId, meetingTypes = MeetingTypes.All.ToArray(),
            quarterStart = quarter.Start, quarterEnd = quarter.End, asOf, upcomingDays = rules.Recruitment.UpcomingDays,
            arrearsWindowMonths = rules.Dues.ArrearsLimitMonths - 1, arrearsAlertMonths = rules.Dues.ArrearsAlertMonths,
            attendanceYellow = rules.Supervision.AttendanceYellowPercent, attendanceRed = rules.Supervision.AttendanceRedPercent,
            completenessYellow = rules.Supervision.CompletenessYellowPercent, completenessRed = rules.Supervision.CompletenessRedPercent,
            termNoticeMonths = rules.Supervision.TermNoticeMonths, requiredSets = rules.Supervision.RequiredRecordSets.ToArray(),
        });
        return ComplianceSql.Bind(parameters, MeetingRequirement.Between(date => sets.At(date).Meetings, quarter.Start, quarter.End));
    }

    /// <summary>A past quarter is judged as at the day after its end; the running one as at today.</summary>
    public static DateOnly AsOf(Quarter quarter, DateOnly today) => quarter.HasEnded(today) ? quarter.End.AddDays(1) : today;
}
