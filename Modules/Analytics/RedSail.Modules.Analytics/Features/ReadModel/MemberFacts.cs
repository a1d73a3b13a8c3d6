using Dapper;
using RedSail.BuildingBlocks.Data;

namespace RedSail.Modules.Analytics.Features.ReadModel;

/// <summary>
/// Changes one person's fact row and moves their counts in one statement: the buckets of the row before (subtracted) and
/// after (added) the change, for every ancestor-or-self of the organisation before and after. A change an older event
/// would make is skipped by the statement's own guard (no row returned), and then the counts stay as they are.
/// </summary>
internal static class MemberFacts
{
    /// <summary>
    /// The buckets a member row (alias {0}) counts in, by the SQL definitions: <c>member_buckets</c> (migration M0002: status and
    /// the party members' national dimensions) and <c>person_buckets</c> (M0020: occupation, title level, birth month, young
    /// employees' traits and requests, mass-organisation and united-front memberships). This is the one place that joins them.
    /// </summary>
    public const string Buckets = "(select * from analytics.member_buckets({0}.party_status, {0}.relation, {0}.removed, {0}.gender, {0}.birth_date, {0}.ethnicity, {0}.education, {0}.joined_on, {0}.converted_on) " +
        "union all select * from analytics.person_buckets({0}.party_status, {0}.relation, {0}.removed, {0}.birth_date, {0}.occupation, {0}.title_level, {0}.traits, {0}.care, {0}.mass_orgs, {0}.united_front))";

    /// <summary><paramref name="change"/> is an INSERT … ON CONFLICT or UPDATE of analytics.member aliased m, ending in <c>returning m.*</c>.</summary>
    public static async Task ChangeAsync(DbSession db, Guid personId, string change, object args, CancellationToken ct)
    {
        // Serialises concurrent deliveries for the same person (several dispatching hosts): the snapshot below is taken after it.
        await db.ExecuteAsync("select 1 from analytics.member where person_id = @personId for update", new { personId }, ct);
        var parameters = new DynamicParameters(args);
        parameters.Add("personId", personId);
        await db.ExecuteAsync($"""
            with before as (select * from analytics.member where person_id = @personId),
            changed as ({change}),
            after as (select * from changed union all select * from before where not exists (select 1 from changed)),
            delta as (
                select m.organization_id, b.dimension, b.bucket, -1 as d from before m, lateral {string.Format(Buckets, "m")} b
                union all
                select m.organization_id, b.dimension, b.bucket, 1 from after m, lateral {string.Format(Buckets, "m")} b)
            {ApplyDeltas("delta")}
            """, parameters, ct);
    }

    /// <summary>
    /// Adds a relation <c>(organization_id, dimension, bucket, d)</c> to the counts of every ancestor-or-self of the
    /// organisation. The ancestors are read from the organisation's own path (its labels are the ids of the organisations
    /// from the root down, OrganizationCreated): one primary-key lookup, no tree search, and an ancestor counts even if its
    /// own OrganizationCreated has not arrived yet. People of an organisation not yet in the copy are counted when it
    /// arrives (<see cref="CountArrivedOrganizationAsync"/>).
    /// </summary>
    public static string ApplyDeltas(string relation) => $"""
        insert into analytics.member_count (organization_id, dimension, bucket, count)
        select a.label::uuid, x.dimension, x.bucket, sum(x.d)
        from {relation} x
        join analytics.organization o on o.id = x.organization_id
        cross join lateral unnest(string_to_array(o.path::text, '.')) a(label)
        group by 1, x.dimension, x.bucket
        having sum(x.d) <> 0
        on conflict (organization_id, dimension, bucket) do update set count = analytics.member_count.count + excluded.count
        """;

    /// <summary>
    /// An organisation arrived in the copy (possibly after people of it did): its own people and flows, and its own type,
    /// are counted now for it and its ancestors. Its descendants' people counted for it already (their paths name it).
    /// </summary>
    public static Task CountArrivedOrganizationAsync(DbSession db, Guid organizationId, CancellationToken ct) => db.ExecuteAsync($"""
        with delta as (
            select m.organization_id, b.dimension, b.bucket, 1 as d
            from analytics.member m cross join lateral {string.Format(Buckets, "m")} b where m.organization_id = @organizationId
            union all
            select f.organization_id, 'flow', f.kind || '|' || f.year, 1 from analytics.flow f where f.organization_id = @organizationId
            union all
            select o.id, 'org_type', o.type, 1 from analytics.organization o where o.id = @organizationId and o.status = 'active')
        {ApplyDeltas("delta")}
        """, new { organizationId }, ct);

    /// <summary>
    /// Before the copy moves an organisation: its subtree's counts (its own rows) leave the old ancestors and join the new
    /// ones. Done only while the copy still has the old path, so a replay after the move changes nothing.
    /// </summary>
    public static Task ShiftMovedSubtreeAsync(DbSession db, Guid organizationId, string oldPath, string newPath, CancellationToken ct) => db.ExecuteAsync("""
        with x as (select id from analytics.organization where id = @organizationId and path = @oldPath::ltree),
        own as (select c.dimension, c.bucket, c.count from analytics.member_count c join x on c.organization_id = x.id),
        targets as (
            select label::uuid as id, -1 as sign from x, unnest(string_to_array(subpath(@oldPath::ltree, 0, nlevel(@oldPath::ltree) - 1)::text, '.')) label
            union all
            select label::uuid, 1 from x, unnest(string_to_array(subpath(@newPath::ltree, 0, nlevel(@newPath::ltree) - 1)::text, '.')) label)
        insert into analytics.member_count (organization_id, dimension, bucket, count)
        select t.id, own.dimension, own.bucket, sum(t.sign * own.count) from targets t, own
        group by t.id, own.dimension, own.bucket
        having sum(t.sign * own.count) <> 0
        on conflict (organization_id, dimension, bucket) do update set count = analytics.member_count.count + excluded.count
        """, new { organizationId, oldPath, newPath }, ct);

    /// <summary>
    /// Counts one flow (admission, loss …) of the year it took effect, as a fact and as the bucket <c>kind|year</c> of the
    /// dimension <c>flow</c> of the organisation's ancestors-or-self (so flows follow the tree like people do).
    /// </summary>
    public static Task CountFlowAsync(DbSession db, Guid eventId, Guid organizationId, string kind, int year, CancellationToken ct) => db.ExecuteAsync($"""
        with fact as (
            insert into analytics.flow (event_id, organization_id, kind, year) values (@eventId, @organizationId, @kind, @year)
            on conflict (event_id) do nothing returning organization_id, 'flow'::text as dimension, kind || '|' || year as bucket, 1 as d)
        {ApplyDeltas("fact")}
        """, new { eventId, organizationId, kind, year }, ct);
}
