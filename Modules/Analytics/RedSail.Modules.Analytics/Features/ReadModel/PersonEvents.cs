using RedSail.BuildingBlocks.Data;
using RedSail.BuildingBlocks.Events;
using RedSail.Modules.Personnel.Contracts;

namespace RedSail.Modules.Analytics.Features.ReadModel;

/// <summary>
/// Personnel's person events on the fact rows, set-based. Each group of fields (basics, status, placement, relation) carries
/// the occurred_at of the event that set it; an event older than that leaves the group alone, so events arriving out of order
/// converge on the newest values. A row may be created by whichever event comes first.
/// <para>
/// A run of person events is applied in rounds: round k holds the k-th event of each person, one statement per kind of change,
/// so each person's events apply in their order exactly as one by one (an upsert may touch a row once per statement), while
/// different people's changes, which are independent, go together. The counts follow once for the run: they are a function of
/// the fact rows, so the run's rows before and after (<see cref="MemberFacts.SettleAsync"/>) move them as every single event
/// would have, with the upserts collapsed to one per (ancestor, bucket).
/// </para>
/// </summary>
internal static class PersonEvents
{
    public static bool Handles(IntegrationEvent e) => e is PersonRecorded or PersonUpdated or PartyStatusChanged or PeopleImportRolledBack
        or PersonTransferredOut or PersonTransferredIn or PersonMoved or PersonRelationChanged or PersonRecordChanged;

    /// <param name="countNow">False in a rebuild, which counts once at the end (<see cref="MemberFacts.RecountAsync"/>).</param>
    public static async Task ApplyAsync(DbSession db, IReadOnlyList<IntegrationEvent> run, bool countNow, CancellationToken ct)
    {
        var steps = run.SelectMany(StepsOf).ToList();
        var personIds = steps.Select(s => s.PersonId).Distinct().Order().ToArray();
        if (countNow) await MemberFacts.LockAsync(db, personIds, ct);
        var rounds = steps.GroupBy(s => s.PersonId).SelectMany(person => person.Select((step, k) => (Round: k, Step: step))).GroupBy(x => x.Round);
        foreach (var round in rounds.OrderBy(r => r.Key))
        foreach (var change in round.GroupBy(x => x.Step.Change))
            await db.ExecuteAsync(change.Key, new { rows = Rows.Json(change.Select(x => x.Step.Row)) }, ct);
        var flows = run.Select(FlowOf).OfType<object>();
        if (countNow) await MemberFacts.SettleAsync(db, personIds, flows, ct);
        else await MemberFacts.RecordFlowsAsync(db, flows, ct);
    }

    /// <summary>A change one event makes to one person's row: the statement (a kind of change) and its row of parameters.</summary>
    private sealed record Step(Guid PersonId, string Change, object Row);

    private static IEnumerable<Step> StepsOf(IntegrationEvent e) => e switch
    {
        PersonRecorded p => [new(p.PersonId, Recorded, new
        {
            p.PersonId, p.OrganizationId, p.Name, p.Gender, p.BirthDate, p.Ethnicity, p.Education, p.PartyStatus, p.JoinedOn, p.ConvertedOn,
            At = Rows.Instant(p.OccurredAt),
        })],
        PersonUpdated p => [new(p.PersonId, Updated, new
        {
            p.PersonId, p.OrganizationId, p.Name, p.Gender, p.BirthDate, p.Ethnicity, p.Education, At = Rows.Instant(p.OccurredAt),
        })],
        PartyStatusChanged p => [new(p.PersonId, StatusChanged, new { p.PersonId, p.OrganizationId, p.From, p.To, p.EffectiveOn, At = Rows.Instant(p.OccurredAt) })],
        PeopleImportRolledBack p => p.PersonIds.Select(id => new Step(id, RolledBack, new { PersonId = id })),
        PersonTransferredOut p => [RelationStep(p.PersonId, p.OrganizationId, "transferred_out", p.OccurredAt)],
        PersonTransferredIn p => [RelationStep(p.PersonId, p.OrganizationId, "active", p.OccurredAt)],
        PersonRelationChanged p => [RelationStep(p.PersonId, p.OrganizationId, p.To, p.OccurredAt)],
        PersonMoved p => [new(p.PersonId, Moved, new { p.PersonId, OrganizationId = p.ToOrganizationId, At = Rows.Instant(p.OccurredAt) })],
        PersonRecordChanged p when PersonRecordEvents.Sets.Contains(p.Set) => [new(p.PersonId, PersonRecordEvents.Changed, PersonRecordEvents.RowOf(p))],
        _ => [],
    };

    private static Step RelationStep(Guid personId, Guid organizationId, string relation, DateTimeOffset at) =>
        new(personId, RelationChanged, new { personId, organizationId, relation, At = Rows.Instant(at) });

    /// <summary>The flow an event is, counted in the year it took effect (<see cref="MemberFacts.SettleAsync"/>), if it is one.</summary>
    private static object? FlowOf(IntegrationEvent e) => e switch
    {
        PartyStatusChanged p when StatusFlow(p) is { } kind => new { p.EventId, p.OrganizationId, Kind = kind, p.EffectiveOn.Year },
        PersonTransferredOut p => new { p.EventId, p.OrganizationId, Kind = "loss:transferred_out", p.EffectiveOn.Year },
        PersonTransferredIn p => new { p.EventId, p.OrganizationId, Kind = "transferred_in", p.EffectiveOn.Year },
        _ => null,
    };

    /// <summary>The flow a status change is: admission, conversion, or a loss with its reason (the exit status).</summary>
    private static string? StatusFlow(PartyStatusChanged e) => e.To switch
    {
        "probationary" => "admitted",
        "full_member" when e.From == "probationary" => "converted",
        "deceased" or "removed" or "expelled" or "withdrawn" or "lapsed" or "suspended" when e.From is "probationary" or "full_member" => "loss:" + e.To,
        "non_member" when e.From == "probationary" => "loss:probation_cancelled",
        _ => null,
    };

    private const string Recorded = """
        insert into analytics.member as m (person_id, organization_id, name, gender, birth_date, ethnicity, education, party_status, joined_on,
            converted_on, basics_at, status_at, placement_at)
        select e.person_id, e.organization_id, e.name, e.gender, e.birth_date, e.ethnicity, e.education, e.party_status, e.joined_on, e.converted_on,
            e.at, e.at, e.at
        from jsonb_to_recordset(@rows::jsonb) as e(person_id uuid, organization_id uuid, name text, gender text, birth_date date, ethnicity text,
            education text, party_status text, joined_on date, converted_on date, at timestamptz)
        on conflict (person_id) do update set
            name = case when m.basics_at is null or m.basics_at < excluded.basics_at then excluded.name else m.name end,
            gender = case when m.basics_at is null or m.basics_at < excluded.basics_at then excluded.gender else m.gender end,
            birth_date = case when m.basics_at is null or m.basics_at < excluded.basics_at then excluded.birth_date else m.birth_date end,
            ethnicity = case when m.basics_at is null or m.basics_at < excluded.basics_at then excluded.ethnicity else m.ethnicity end,
            education = case when m.basics_at is null or m.basics_at < excluded.basics_at then excluded.education else m.education end,
            basics_at = greatest(m.basics_at, excluded.basics_at),
            party_status = case when m.status_at is null or m.status_at < excluded.status_at then excluded.party_status else m.party_status end,
            joined_on = coalesce(m.joined_on, excluded.joined_on),
            converted_on = coalesce(m.converted_on, excluded.converted_on),
            status_at = greatest(m.status_at, excluded.status_at),
            organization_id = case when m.placement_at is null or m.placement_at < excluded.placement_at then excluded.organization_id else m.organization_id end,
            placement_at = greatest(m.placement_at, excluded.placement_at)
        """;

    private const string Updated = """
        insert into analytics.member as m (person_id, organization_id, name, gender, birth_date, ethnicity, education, basics_at, placement_at)
        select e.person_id, e.organization_id, e.name, e.gender, e.birth_date, e.ethnicity, e.education, e.at, e.at
        from jsonb_to_recordset(@rows::jsonb) as e(person_id uuid, organization_id uuid, name text, gender text, birth_date date, ethnicity text,
            education text, at timestamptz)
        on conflict (person_id) do update set
            name = excluded.name, gender = excluded.gender, birth_date = excluded.birth_date, ethnicity = excluded.ethnicity,
            education = excluded.education, basics_at = excluded.basics_at
        where m.basics_at is null or m.basics_at < excluded.basics_at
        """;

    /// <summary>Admission dates the probation (joined_on), conversion the party age (converted_on).</summary>
    private const string StatusChanged = """
        insert into analytics.member as m (person_id, organization_id, party_status, joined_on, converted_on, status_at, placement_at)
        select e.person_id, e.organization_id, e."to", case when e."to" = 'probationary' then e.effective_on end,
            case when e."from" = 'probationary' and e."to" = 'full_member' then e.effective_on end, e.at, e.at
        from jsonb_to_recordset(@rows::jsonb) as e(person_id uuid, organization_id uuid, "from" text, "to" text, effective_on date, at timestamptz)
        on conflict (person_id) do update set
            party_status = case when m.status_at is null or m.status_at < excluded.status_at then excluded.party_status else m.party_status end,
            joined_on = coalesce(excluded.joined_on, m.joined_on),
            converted_on = coalesce(excluded.converted_on, m.converted_on),
            status_at = greatest(m.status_at, excluded.status_at)
        """;

    private const string RolledBack = """
        update analytics.member m set removed = true
        from jsonb_to_recordset(@rows::jsonb) as e(person_id uuid) where m.person_id = e.person_id and not m.removed
        """;

    private const string Moved = """
        insert into analytics.member as m (person_id, organization_id, placement_at)
        select e.person_id, e.organization_id, e.at from jsonb_to_recordset(@rows::jsonb) as e(person_id uuid, organization_id uuid, at timestamptz)
        on conflict (person_id) do update set organization_id = excluded.organization_id, placement_at = excluded.placement_at
        where m.placement_at is null or m.placement_at < excluded.placement_at
        """;

    /// <summary>A relation change (transfer out or in, flowing, lost contact); a transfer also places the person.</summary>
    private const string RelationChanged = """
        insert into analytics.member as m (person_id, organization_id, relation, relation_at, placement_at)
        select e.person_id, e.organization_id, e.relation, e.at, e.at
        from jsonb_to_recordset(@rows::jsonb) as e(person_id uuid, organization_id uuid, relation text, at timestamptz)
        on conflict (person_id) do update set
            relation = excluded.relation, relation_at = excluded.relation_at,
            organization_id = case when m.placement_at is null or m.placement_at < excluded.placement_at then excluded.organization_id else m.organization_id end,
            placement_at = greatest(m.placement_at, excluded.placement_at)
        where m.relation_at is null or m.relation_at < excluded.relation_at
        """;
}
