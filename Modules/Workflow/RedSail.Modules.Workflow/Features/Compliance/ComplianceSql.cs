using Dapper;
using RedSail.Modules.Personnel.Contracts;
using RedSail.Modules.Workflow.Contracts;
using RedSail.Modules.Workflow.Domain;
using RedSail.Modules.Workflow.Features.Meetings;

namespace RedSail.Modules.Workflow.Features.Compliance;

/// <summary>
/// Meetings held against the rule set's quotas, per branch, type and period, in one set-based statement: what the compliance
/// board, the meeting-quota to-dos and the quarterly supervision all count. Who must hold what (DOMAIN.md §6):
/// the branch itself every type; 支委会 only a branch with a committee (workflow.committee_seat); 党小组会 each of its
/// active party groups, a group's meetings beyond its own quota not making up for another's (held is counted per group, capped
/// at its quota). Statuses come from <see cref="ComplianceStatus.Of"/> over the rows.
/// </summary>
internal static class ComplianceSql
{
    /// <summary>
    /// Rows <c>branch_id, type, per, starts_on, ends_on, required, held</c> (held capped at required). <paramref name="requirementsSql"/>
    /// yields <c>type, per, starts_on, ends_on, required</c> (e.g. <see cref="RequirementArrays"/> or <see cref="CurrentRequirements"/>);
    /// <paramref name="branchesSql"/> yields the branches' <c>id</c> (active organisations of <see cref="BranchTypes"/>).
    /// </summary>
    /// <param name="countUntil">SQL: the last day a meeting counts (a quarterly report counts nothing after its quarter's end).</param>
    public static string Counts(string requirementsSql, string branchesSql, string countUntil = "r.ends_on") => $"""
        with req as ({requirementsSql}),
        branch as ({branchesSql}),
        unit as (
            select b.id as branch_id, b.id as unit_id, t.type
            from branch b cross join (select distinct type from req) t
            where t.type <> '{MeetingTypes.GroupMeeting}'
              and (t.type <> '{MeetingTypes.CommitteeMeeting}' or exists (select 1 from workflow.committee_seat s where s.organization_id = b.id))
            union all
            select b.id, g.id, '{MeetingTypes.GroupMeeting}'
            from branch b join workflow.organization g on g.parent_id = b.id and g.type = '{OrganizationTypes.PartyGroup}' and g.status = 'active'
            where exists (select 1 from req where req.type = '{MeetingTypes.GroupMeeting}')),
        per_unit as (
            -- One probe of (organization_id, held_on) per unit and period, the type read from the index: as quick for one branch
            -- as it is in proportion over the whole tree, where joining the year's million meetings to every unit was planned as
            -- a nested loop (the unit and period rows are estimated, not known) and ran for minutes. Counted in a lateral join,
            -- once (as a subquery in the select list it was evaluated again for the caller's "held < required" filter), and only
            -- up to the quota, since held is capped at it anyway: a branch with hundreds of meetings in a period costs what one
            -- that just met its quota does (recording a meeting counts its branch's quotas; docs/reliability.md, third run).
            select u.branch_id, r.type, r.per, r.starts_on, r.ends_on, r.required, n.held::int as held
            from unit u join req r on r.type = u.type
            cross join lateral (
                select count(*) as held from (
                    select from workflow.meeting m
                    where m.organization_id = u.unit_id and m.removed_at is null and m.type = r.type
                      and m.held_on between r.starts_on and least(r.ends_on, {countUntil})
                    limit r.required) counted) n)
        select branch_id, type, per, starts_on, ends_on, sum(required)::int as required, sum(held)::int as held
        from per_unit
        group by branch_id, type, per, starts_on, ends_on
        """;

    /// <summary>Requirements bound as arrays by <see cref="Bind"/>: the rule set's periods computed in C# (<see cref="MeetingRequirement.Between"/>).</summary>
    public const string RequirementArrays = """
        select * from unnest(@reqTypes::text[], @reqPers::text[], @reqStarts::date[], @reqEnds::date[], @reqCounts::int[])
            as r(type, per, starts_on, ends_on, required)
        """;

    public static DynamicParameters Bind(DynamicParameters parameters, IReadOnlyList<MeetingRequirement> requirements)
    {
        parameters.Add("reqTypes", requirements.Select(r => r.Type).ToArray());
        parameters.Add("reqPers", requirements.Select(r => r.Period.Per).ToArray());
        parameters.Add("reqStarts", requirements.Select(r => r.Period.Start).ToArray());
        parameters.Add("reqEnds", requirements.Select(r => r.Period.End).ToArray());
        parameters.Add("reqCounts", requirements.Select(r => r.Required).ToArray());
        return parameters;
    }

    /// <summary>
    /// The requirements of the periods running on <c>@today</c>, each by the rules in force when its period began, read in SQL
    /// (for the to-do sources, which get only <c>@today</c>); the same periods as <see cref="QuotaPeriod.Containing"/>.
    /// </summary>
    public static readonly string CurrentRequirements = $"""
        select q.key as type, p.per, p.starts_on, p.ends_on, (q.value->>'count')::int as required
        from (select per, s.starts_on,
                     (s.starts_on + make_interval(months => case per when '{MeetingQuota.Month}' then 1 when '{MeetingQuota.Quarter}' then 3 else 12 end))::date
                      - 1 as ends_on
              from unnest(array['{MeetingQuota.Month}', '{MeetingQuota.Quarter}', '{MeetingQuota.Year}']) per
              cross join lateral (select date_trunc(per, @today::date)::date as starts_on) s) p
        cross join lateral jsonb_each({MeetingRulesSql.Quotas(MeetingRulesSql.InForce("p.starts_on"))}) q
        where q.value->>'per' = p.per and (q.value->>'count')::int > 0
        """;
}
