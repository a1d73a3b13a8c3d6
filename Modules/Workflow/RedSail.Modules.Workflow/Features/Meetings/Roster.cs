using RedSail.Modules.Personnel.Contracts;

namespace RedSail.Modules.Workflow.Features.Meetings;

/// <summary>Someone expected at an organisation's meetings: a party member (probationary or full) on its roster.</summary>
internal sealed class RosterMember
{
    public Guid Id { get; init; }
    public string Name { get; init; } = "";
    public string Gender { get; init; } = "";
    public string PartyStatus { get; init; } = "";
    public Guid OrganizationId { get; init; }
    public string OrganizationName { get; init; } = "";
    /// <summary>The post on the organisation's current committee, if any.</summary>
    public string? CommitteePost { get; init; }

    /// <summary>Probationary members attend but do not vote (党章 §7).</summary>
    public bool Votes => PartyStatus == "full_member";
}

internal static class Roster
{
    /// <summary>
    /// The roster of <c>@organizationId</c>: its party members on active relation (not flowing, lost or transferred out), and for a
    /// branch also those of its party groups, the branch's own people first, in pinyin order. The organisations are found first
    /// (the condition is on them alone), then their people by index: an "or" across person and organisation read every person
    /// in the system, a second per meeting recorded at a million people.
    /// </summary>
    public static readonly string Sql = $"""
        select p.id, p.name, p.gender, p.party_status, p.organization_id, o.name as organization_name, s.post as committee_post
        from workflow.organization o join workflow.person p on p.organization_id = o.id
        left join workflow.committee_seat s on s.person_id = p.id and s.organization_id = @organizationId
        where (o.id = @organizationId or (o.parent_id = @organizationId and o.type = '{OrganizationTypes.PartyGroup}'))
          and p.relation = 'active' and p.party_status in ('probationary', 'full_member')
        order by p.organization_id <> @organizationId, p.name collate "zh-x-icu", p.id
        """;

    /// <summary>The roster a recorded meeting had: the people of its attendance (whoever they are now), for editing it.</summary>
    public const string OfMeetingSql = """
        select a.person_id as id, coalesce(p.name, '') as name, coalesce(p.gender, '') as gender, coalesce(p.party_status, '') as party_status,
               coalesce(p.organization_id, a.organization_id) as organization_id, coalesce(o.name, '') as organization_name, s.post as committee_post
        from workflow.meeting_attendance a
        left join workflow.person p on p.id = a.person_id
        left join workflow.organization o on o.id = p.organization_id
        left join workflow.committee_seat s on s.person_id = a.person_id and s.organization_id = a.organization_id
        where a.meeting_id = @meetingId
        """;

    public static Task<IReadOnlyList<RosterMember>> OfAsync(WorkflowDb db, Guid organizationId, CancellationToken ct) =>
        db.QueryAsync<RosterMember>(Sql, new { organizationId }, ct);
}
