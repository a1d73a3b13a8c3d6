using RedSail.BuildingBlocks.Data;

namespace RedSail.Modules.Analytics.Features.ReadModel;

/// <summary>
/// The people's fact rows and their counts: every (organisation ancestor-or-self, dimension, bucket) counts the rows in it, so
/// a change of rows moves the counts by the buckets of the rows before (subtracted) and after (added) it. Live changes are
/// recorded per organisation (<see cref="ApplyDeltas"/>) and folded into the ancestors in the background (<see cref="FoldAsync"/>);
/// readers add what is not folded yet (<c>member_count_now</c>).
/// </summary>
internal static class MemberFacts
{
    /// <summary>
    /// The buckets a member row (<paramref name="row"/>, an alias) counts in, by the SQL definitions: <c>member_buckets</c>
    /// (status and the party members' national dimensions) and <c>person_buckets</c> (occupation, title level, birth month, young
    /// employees' traits and requests, mass-organisation and united-front memberships), both as migration M0033 defines them.
    /// This is the one place that joins them. <paramref name="skip"/> (a text[] expression) names dimensions not to compute.
    /// </summary>
    public static string Buckets(string row, string skip = "'{}'::text[]") =>
        $"(select * from analytics.member_buckets({row}.party_status, {row}.relation, {row}.removed, {row}.gender, {row}.birth_date, {row}.ethnicity, " +
        $"{row}.education, {row}.joined_on, {row}.converted_on, {skip}) " +
        $"union all select * from analytics.person_buckets({row}.party_status, {row}.relation, {row}.removed, {row}.birth_date, {row}.occupation, " +
        $"{row}.title_level, {row}.traits, {row}.care, {row}.mass_orgs, {row}.united_front, {skip}))";

    /// <summary>
    /// Locks the people's fact rows (in id order, so that hosts delivering side by side cannot deadlock on them) and keeps them as
    /// they are before a change in <c>analytics.member_before</c>, for <see cref="SettleAsync"/> in the same transaction.
    /// </summary>
    public static Task LockAsync(DbSession db, Guid[] personIds, CancellationToken ct) => db.ExecuteAsync("""
        insert into analytics.member_before
        select * from analytics.member where person_id = any(@personIds) order by person_id for update
        """, new { personIds }, ct);

    /// <summary>
    /// Moves the counts after the people's fact rows changed: the buckets of each row before (subtracted; kept by
    /// <see cref="LockAsync"/>, taken out here) and now (added), for every ancestor-or-self of the organisation before and now,
    /// and the new flows (<c>event_id, organization_id, kind, year</c>; a flow already counted is skipped) as the bucket
    /// <c>kind|year</c> of the dimension <c>flow</c>. Only the dimensions whose inputs changed are computed
    /// (<c>analytics.unchanged_dimensions</c>, M0033; the others' buckets are the same before and after): an education change
    /// computes two buckets, a name change none. One statement, so a bucket several people left and entered is written once,
    /// and not at all if it comes out even. One pass over the people's rows now, each joined with its row before (none for a
    /// person new to the facts), yields both sides: two passes, one driven from each table, took 15 % longer (generic plans,
    /// 2,000 people, psql) and planned a scan of every fact row when the ids were literals. The ids are filtered on the table
    /// the pass is driven from (the same filter on the joined table was evaluated again for every row: 160 ms of a batch). The
    /// rows before are taken out without a filter: all there are to this transaction are its own (other transactions' are
    /// invisible to it, and none is ever committed). Filtered by the ids, the table (empty between transactions, so its
    /// statistics say little) was often scanned with every row compared to the whole array, which is not hashed for a
    /// parameter: quadratic in the batch, a fifth of the settle with batches of 4,000 (docs/benchmarks.md).
    /// </summary>
    public static Task SettleAsync(DbSession db, Guid[] personIds, IEnumerable<object> flows, CancellationToken ct) => db.ExecuteAsync($"""
        with taken as (delete from analytics.member_before),
        flow as (
            insert into analytics.flow (event_id, organization_id, kind, year)
            select * from jsonb_to_recordset(@flows::jsonb) as f(event_id uuid, organization_id uuid, kind text, year int)
            on conflict (event_id) do nothing
            returning organization_id, kind, year),
        delta as (
            select x.organization_id, x.dimension, x.bucket, x.d
            from analytics.member a left join analytics.member_before b on b.person_id = a.person_id
            cross join lateral ({Unchanged}) u,
            lateral (select b.organization_id, bb.dimension, bb.bucket, -1 as d from {Buckets("b", "u.dimensions")} bb where b.person_id is not null
                     union all
                     select a.organization_id, ab.dimension, ab.bucket, 1 from {Buckets("a", "u.dimensions")} ab) x
            where a.person_id = any(@personIds)
            union all
            select organization_id, 'flow', kind || '|' || year, 1 from flow)
        {ApplyDeltas("delta")}
        """, new { personIds, flows = Rows.Json(flows) }, ct);

    /// <summary>
    /// A person's unchanged dimensions (rows <c>b</c> before, <c>a</c> after), once per person: "offset 0" keeps the subquery
    /// apart, so the buckets' branches test a value instead of each computing the comparison again.
    /// </summary>
    private const string Unchanged = "select analytics.unchanged_dimensions(b, a) as dimensions offset 0";

    /// <summary>Records flows as facts without counting them (a rebuild counts once at the end).</summary>
    public static Task RecordFlowsAsync(DbSession db, IEnumerable<object> flows, CancellationToken ct) => db.ExecuteAsync("""
        insert into analytics.flow (event_id, organization_id, kind, year)
        select * from jsonb_to_recordset(@flows::jsonb) as f(event_id uuid, organization_id uuid, kind text, year int)
        on conflict (event_id) do nothing
        """, new { flows = Rows.Json(flows) }, ct);

    /// <summary>
    /// The counts computed afresh from the facts: every member's buckets, every flow and every active organisation's type,
    /// for each ancestor-or-self. What the changes one by one add up to; a rebuild uses it instead of following them.
    /// </summary>
    public static Task RecountAsync(DbSession db, CancellationToken ct) => db.ExecuteAsync($"""
        delete from analytics.member_count; delete from analytics.member_count_delta;
        with delta as (
            select m.organization_id, b.dimension, b.bucket, 1 as d from analytics.member m cross join lateral {Buckets("m")} b
            union all
            select f.organization_id, 'flow', f.kind || '|' || f.year, 1 from analytics.flow f
            union all
            select o.id, 'org_type', o.type, 1 from analytics.organization o where o.status = 'active')
        {FoldDeltas("delta")}
        """, null, ct);

    /// <summary>
    /// Records a relation <c>(organization_id, dimension, bucket, d)</c> of count changes as pending deltas of the organisations
    /// themselves, with their ancestors-or-self (<c>member_count_delta</c>, insert-only: no count row is locked or written on the
    /// event path), summed first, so what comes out even (a bucket a person left and entered again) is not written at all.
    /// <see cref="FoldAsync"/> carries them to the ancestors later; <c>member_count_now</c> counts them meanwhile. The caller
    /// holds the tree lock (<see cref="LockTreeAsync"/>), so no move changes an organisation's ancestors between this and the
    /// commit. Changes of an organisation not yet in the copy are dropped: its people are counted when it arrives
    /// (<see cref="CountArrivedOrganizationsAsync"/>). The ancestors are looked up by key after summing, once per sum ("offset 0"
    /// keeps the lookup a nested one: the few organisations a batch touches, not a join with the whole copy; as a subquery in the
    /// select list it also ran a second time for the filter on it), and the sums are cast back to bigint (sum of bigint is
    /// numeric, slower to add up in the fold).
    /// </summary>
    public static string ApplyDeltas(string relation) => $"""
        insert into analytics.member_count_delta (organization_id, ancestors, dimension, bucket, d)
        select x.organization_id, o.ancestors, x.dimension, x.bucket, x.d
        from (select r.organization_id, r.dimension, r.bucket, sum(r.d)::bigint as d
              from {relation} r group by r.organization_id, r.dimension, r.bucket having sum(r.d) <> 0) x
        cross join lateral (select o.ancestors from analytics.organization o where o.id = x.organization_id offset 0) o
        """;

    /// <summary>
    /// Adds a relation <c>(organization_id, dimension, bucket, d)</c> to the counts of every ancestor-or-self of the
    /// organisation, as the copy of the tree names them (<see cref="AddToAncestors"/>).
    /// </summary>
    public static string FoldDeltas(string relation) =>
        AddToAncestors($"(select o.ancestors, x.dimension, x.bucket, x.d from {relation} x join analytics.organization o on o.id = x.organization_id)");

    /// <summary>
    /// Adds a relation <c>(ancestors, dimension, bucket, d)</c> to the counts of every organisation in <c>ancestors</c> (the ids
    /// of the organisation's path from the root down, <c>analytics.organization.ancestors</c>, M0036): no tree search, and an
    /// ancestor counts even if its own OrganizationCreated has not arrived yet. The relation is summed per organisation first:
    /// what comes out even there never reaches the ancestors. Rows are written in key order, so writers side by side lock count
    /// rows in the same order and cannot deadlock on them.
    /// </summary>
    private static string AddToAncestors(string relation) => $"""
        insert into analytics.member_count (organization_id, dimension, bucket, count)
        select a.id, x.dimension, x.bucket, sum(x.d)::bigint
        from (select ancestors, dimension, bucket, sum(d)::bigint as d from {relation} r group by 1, 2, 3 having sum(d) <> 0) x
        cross join lateral unnest(x.ancestors) a(id)
        group by 1, x.dimension, x.bucket
        having sum(x.d) <> 0
        order by 1, 2, 3
        on conflict (organization_id, dimension, bucket) do update set count = analytics.member_count.count + excluded.count
        """;

    /// <summary>
    /// Organisations arrived in the copy (possibly after people of them did): their own people and flows, and their own type,
    /// are counted now for them and their ancestors. Their descendants' people counted for them already (their paths name them).
    /// </summary>
    public static Task CountArrivedOrganizationsAsync(DbSession db, Guid[] organizationIds, CancellationToken ct) => db.ExecuteAsync($"""
        with delta as (
            select m.organization_id, b.dimension, b.bucket, 1 as d
            from analytics.member m cross join lateral {Buckets("m")} b where m.organization_id = any(@organizationIds)
            union all
            select f.organization_id, 'flow', f.kind || '|' || f.year, 1 from analytics.flow f where f.organization_id = any(@organizationIds)
            union all
            select o.id, 'org_type', o.type, 1 from analytics.organization o where o.id = any(@organizationIds) and o.status = 'active')
        {ApplyDeltas("delta")}
        """, new { organizationIds }, ct);

    /// <summary>
    /// Before the copy moves an organisation: its subtree's counts (its own rows) leave the old ancestors and join the new
    /// ones. Done only while the copy still has the old path, so a replay after the move changes nothing.
    /// </summary>
    public static async Task ShiftMovedSubtreeAsync(DbSession db, Guid organizationId, string oldPath, string newPath, CancellationToken ct)
    {
        // Pending deltas carry the ancestors they were recorded with: fold them into the old ones first, so the counts shifted
        // here include them (the tree lock, held alone by the caller, keeps new ones from being recorded meanwhile).
        await FoldAllAsync(db, ct);
        await db.ExecuteAsync("""
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
    }

    /// <summary>
    /// The advisory lock (transaction-scoped) that keeps the writers of pending deltas and the folds, which use organisation
    /// ancestors, apart from moves, which change them: those share it, a move (or a rebuild, or a full fold) holds it alone.
    /// </summary>
    private const long TreeLock = 0x616E_616C_7974_6963; // "analytic"

    /// <summary>
    /// How PostgreSQL plans the rest of the transaction, whose statements the live projection and the fold repeat for every
    /// batch. Without JIT compilation: the planner's row estimates for the bucket functions put the settle above
    /// <c>jit_above_cost</c>, and compiling it took 130–170 ms of a 190–230 ms statement, every batch (auto_explain at 200,000
    /// people, 2026-11-30). And with the generic plans of prepared statements allowed, which background connections do not use
    /// by default (DatabaseOptions): planning the settle took 6–9 ms a batch, and these statements' generic plans were measured
    /// at 1M (docs/benchmarks.md). A rebuild's recount, one long statement, keeps both defaults.
    /// </summary>
    public static Task PlanForBatchesAsync(DbSession db, CancellationToken ct) =>
        db.ExecuteAsync("set local jit = off; set local plan_cache_mode = auto", null, ct);

    /// <summary>Takes the tree lock until the transaction ends: shared to record or fold deltas, alone to move or rebuild.</summary>
    public static Task LockTreeAsync(DbSession db, bool alone, CancellationToken ct) =>
        db.ExecuteAsync(alone ? "select pg_advisory_xact_lock(@key)" : "select pg_advisory_xact_lock_shared(@key)", new { key = TreeLock }, ct);

    /// <summary>
    /// Folds up to <paramref name="limit"/> pending deltas into the counts of their recorded ancestors and deletes them, in the
    /// caller's transaction; rows another folder holds are skipped, so hosts fold side by side. Returns how many were taken (0:
    /// nothing pending here). A slice of 100,000 deltas is summed in memory: with the server's default working memory its sums
    /// went to disk (the sort of 53,000 deltas at 1M people, 14 MB).
    /// </summary>
    public static async Task<long> FoldAsync(DbSession db, int limit, CancellationToken ct)
    {
        await PlanForBatchesAsync(db, ct);
        await db.ExecuteAsync("set local work_mem = '64MB'", null, ct);
        await LockTreeAsync(db, alone: false, ct);
        return await db.ExecuteScalarAsync<long>($"""
            with taken as (
                delete from analytics.member_count_delta
                where ctid = any(array(select ctid from analytics.member_count_delta limit @limit for update skip locked))
                returning ancestors, dimension, bucket, d),
            folded as ({AddToAncestors("taken")} returning 1)
            select count(*) from taken
            """, new { limit }, ct);
    }

    /// <summary>Folds every pending delta, alone (other writers wait), so <c>member_count</c> alone is complete until commit.</summary>
    public static async Task FoldAllAsync(DbSession db, CancellationToken ct)
    {
        await LockTreeAsync(db, alone: true, ct);
        while (await FoldAsync(db, 100_000, ct) > 0) { }
    }
}
