using RedSail.BuildingBlocks.Data;
using RedSail.BuildingBlocks.Events;
using RedSail.Modules.Personnel.Contracts;

namespace RedSail.Modules.Analytics.Features.ReadModel;

/// <summary>
/// Personnel's person events on the fact rows. Each group of fields (basics, status, placement, relation) carries the
/// occurred_at of the event that set it; an event older than that leaves the group alone, so events arriving out of order
/// converge on the newest values. A row may be created by whichever event comes first.
/// </summary>
internal static class PersonEvents
{
    private const string Returning = "returning m.*";

    public static Task RecordedAsync(DbSession db, PersonRecorded e, CancellationToken ct) => MemberFacts.ChangeAsync(db, e.PersonId, $"""
        insert into analytics.member as m (person_id, organization_id, name, gender, birth_date, ethnicity, education, party_status, joined_on,
            converted_on, basics_at, status_at, placement_at)
        values (@personId, @OrganizationId, @Name, @Gender, @BirthDate, @Ethnicity, @Education, @PartyStatus, @JoinedOn, @ConvertedOn, @at, @at, @at)
        on conflict (person_id) do update set
            name = case when m.basics_at is null or m.basics_at < @at then excluded.name else m.name end,
            gender = case when m.basics_at is null or m.basics_at < @at then excluded.gender else m.gender end,
            birth_date = case when m.basics_at is null or m.basics_at < @at then excluded.birth_date else m.birth_date end,
            ethnicity = case when m.basics_at is null or m.basics_at < @at then excluded.ethnicity else m.ethnicity end,
            education = case when m.basics_at is null or m.basics_at < @at then excluded.education else m.education end,
            basics_at = greatest(m.basics_at, @at),
            party_status = case when m.status_at is null or m.status_at < @at then excluded.party_status else m.party_status end,
            joined_on = coalesce(m.joined_on, excluded.joined_on),
            converted_on = coalesce(m.converted_on, excluded.converted_on),
            status_at = greatest(m.status_at, @at),
            organization_id = case when m.placement_at is null or m.placement_at < @at then excluded.organization_id else m.organization_id end,
            placement_at = greatest(m.placement_at, @at)
        {Returning}
        """, new { e.OrganizationId, e.Name, e.Gender, e.BirthDate, e.Ethnicity, e.Education, e.PartyStatus, e.JoinedOn, e.ConvertedOn, at = e.OccurredAt.UtcDateTime }, ct);

    public static Task UpdatedAsync(DbSession db, PersonUpdated e, CancellationToken ct) => MemberFacts.ChangeAsync(db, e.PersonId, $"""
        insert into analytics.member as m (person_id, organization_id, name, gender, birth_date, ethnicity, education, basics_at, placement_at)
        values (@personId, @OrganizationId, @Name, @Gender, @BirthDate, @Ethnicity, @Education, @at, @at)
        on conflict (person_id) do update set
            name = excluded.name, gender = excluded.gender, birth_date = excluded.birth_date, ethnicity = excluded.ethnicity,
            education = excluded.education, basics_at = @at
        where m.basics_at is null or m.basics_at < @at
        {Returning}
        """, new { e.OrganizationId, e.Name, e.Gender, e.BirthDate, e.Ethnicity, e.Education, at = e.OccurredAt.UtcDateTime }, ct);

    /// <summary>Admission dates the probation (joined_on), conversion the party age (converted_on); exits are losses of the year.</summary>
    public static async Task StatusChangedAsync(DbSession db, PartyStatusChanged e, CancellationToken ct)
    {
        await MemberFacts.ChangeAsync(db, e.PersonId, $"""
            insert into analytics.member as m (person_id, organization_id, party_status, joined_on, converted_on, status_at, placement_at)
            values (@personId, @OrganizationId, @To, case when @To = 'probationary' then @EffectiveOn end,
                    case when @From = 'probationary' and @To = 'full_member' then @EffectiveOn end, @at, @at)
            on conflict (person_id) do update set
                party_status = case when m.status_at is null or m.status_at < @at then @To else m.party_status end,
                joined_on = case when @To = 'probationary' then @EffectiveOn else m.joined_on end,
                converted_on = case when @From = 'probationary' and @To = 'full_member' then @EffectiveOn else m.converted_on end,
                status_at = greatest(m.status_at, @at)
            {Returning}
            """, new { e.OrganizationId, e.From, e.To, e.EffectiveOn, at = e.OccurredAt.UtcDateTime }, ct);
        if (FlowOf(e) is { } kind) await MemberFacts.CountFlowAsync(db, e.EventId, e.OrganizationId, kind, e.EffectiveOn.Year, ct);
    }

    /// <summary>The flow a status change is: admission, conversion, or a loss with its reason (the exit status).</summary>
    private static string? FlowOf(PartyStatusChanged e) => e.To switch
    {
        "probationary" => "admitted",
        "full_member" when e.From == "probationary" => "converted",
        "deceased" or "removed" or "expelled" or "withdrawn" or "lapsed" or "suspended" when e.From is "probationary" or "full_member" => "loss:" + e.To,
        "non_member" when e.From == "probationary" => "loss:probation_cancelled",
        _ => null,
    };

    public static async Task RolledBackAsync(DbSession db, PeopleImportRolledBack e, CancellationToken ct)
    {
        foreach (var personId in e.PersonIds)
            await MemberFacts.ChangeAsync(db, personId,
                $"update analytics.member m set removed = true where person_id = @personId and not removed {Returning}", new { }, ct);
    }

    public static Task MovedAsync(DbSession db, PersonMoved e, CancellationToken ct) => MemberFacts.ChangeAsync(db, e.PersonId, $"""
        insert into analytics.member as m (person_id, organization_id, placement_at) values (@personId, @ToOrganizationId, @at)
        on conflict (person_id) do update set organization_id = @ToOrganizationId, placement_at = @at
        where m.placement_at is null or m.placement_at < @at
        {Returning}
        """, new { e.ToOrganizationId, at = e.OccurredAt.UtcDateTime }, ct);

    /// <summary>A relation change (transfer out or in, flowing, lost contact); a transfer also places the person and is a flow.</summary>
    public static async Task RelationAsync(DbSession db, Guid eventId, Guid personId, Guid organizationId, string relation, DateTimeOffset occurredAt, string? flow,
        DateOnly effectiveOn, CancellationToken ct)
    {
        await MemberFacts.ChangeAsync(db, personId, $"""
            insert into analytics.member as m (person_id, organization_id, relation, relation_at, placement_at) values (@personId, @organizationId, @relation, @at, @at)
            on conflict (person_id) do update set
                relation = @relation, relation_at = @at,
                organization_id = case when m.placement_at is null or m.placement_at < @at then @organizationId else m.organization_id end,
                placement_at = greatest(m.placement_at, @at)
            where m.relation_at is null or m.relation_at < @at
            {Returning}
            """, new { organizationId, relation, at = occurredAt.UtcDateTime }, ct);
        if (flow is not null) await MemberFacts.CountFlowAsync(db, eventId, organizationId, flow, effectiveOn.Year, ct);
    }
}
