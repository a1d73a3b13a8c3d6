using RedSail.Modules.Workflow.Domain;
using RedSail.Modules.Workflow.Features.Compliance;
using RedSail.Modules.Workflow.Features.Todos;

namespace RedSail.Modules.Workflow.Features.Meetings;

/// <summary>
/// A branch's meeting quota of the running period not yet met (DOMAIN.md §6): one to-do per branch, type and period, due at the
/// period's end, closed by recording a meeting of that type (or by the period's end: the compliance board then shows it red).
/// Counted as the board counts (<see cref="ComplianceSql"/>).
/// </summary>
internal sealed class MeetingQuotaSource : ITodoSource
{
    public const string KindName = "meeting_quota";
    public string Kind => KindName;

    private static readonly string Branches =
        $"select b.id from workflow.organization b where b.status = 'active' and {BranchTypes.Sql("b")} and b.id = any(@organizationIds)";

    public string DueSql { get; } = $"""
        select '{KindName}:' || c.branch_id || ':' || c.type || ':' || c.starts_on as source, c.branch_id as organization_id, null::uuid as subject_id,
               'workflow.todo.{KindName}.' || c.type as title_key,
               jsonb_build_array(c.held::text, c.required::text, to_char(c.starts_on, 'YYYY-MM-DD'), to_char(c.ends_on, 'YYYY-MM-DD')) as args,
               '/workflow/meetings?organizationId=' || c.branch_id as link, c.ends_on as due_on
        from ({ComplianceSql.Counts(ComplianceSql.CurrentRequirements, Branches)}) c
        where c.held < c.required
        """;
}

/// <summary>
/// A member who missed their organisation's meetings without excuse in <see cref="MeetingRules.AbsenceAlertMonths"/> or more
/// months, with nothing attended or excused since: well before <see cref="MeetingRules.AbsenceLimitMonths"/>, when it is a
/// ground for 自行脱党 (the to-do is due the day that limit is reached). Looks back two years (the rules' longest limit).
/// </summary>
internal sealed class MeetingAbsenceSource : ITodoSource
{
    public const string KindName = "meeting_absence";
    public string Kind => KindName;

    private static readonly string Rules = MeetingRulesSql.InForce("@today::date");

    public string DueSql { get; } = $"""
        select '{KindName}:' || p.id as source, p.organization_id, p.id as subject_id, 'workflow.todo.{KindName}' as title_key,
               jsonb_build_array(p.name, m.months::text, to_char(m.since, 'YYYY-MM-DD')) as args,
               '/workflow/meetings?organizationId=' || p.organization_id as link,
               (date_trunc('month', m.since) + make_interval(months => {MeetingRulesSql.Number(Rules, "absenceLimitMonths", WorkflowRules.Regulation2014.Meetings.AbsenceLimitMonths)}))::date - 1 as due_on
        from (
            select a.person_id, count(distinct date_trunc('month', a.held_on))::int as months, min(a.held_on) as since
            from workflow.meeting_attendance a join workflow.meeting mt on mt.id = a.meeting_id and mt.removed_at is null
            where a.status = 'absent' and a.held_on >= @today::date - interval '24 months'
              and a.person_id in (select id from workflow.person where organization_id = any(@organizationIds))
              and not exists (
                  select 1 from workflow.meeting_attendance k join workflow.meeting km on km.id = k.meeting_id and km.removed_at is null
                  where k.person_id = a.person_id and k.status <> 'absent' and k.held_on >= a.held_on)
            group by a.person_id) m
        join workflow.person p on p.id = m.person_id
        where p.relation = 'active' and p.party_status in ('probationary', 'full_member')
          and p.organization_id = any(@organizationIds)
          and m.months >= {MeetingRulesSql.Number(Rules, "absenceAlertMonths", WorkflowRules.Regulation2014.Meetings.AbsenceAlertMonths)}
        """;
}
