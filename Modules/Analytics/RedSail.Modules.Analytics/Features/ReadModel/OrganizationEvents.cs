using System.Text.Json;
using RedSail.BuildingBlocks.Data;
using RedSail.BuildingBlocks.Events;
using RedSail.Modules.Personnel.Contracts;

namespace RedSail.Modules.Analytics.Features.ReadModel;

/// <summary>
/// Personnel's organisation events on Analytics' copy of the tree (the shared OrganizationTreeCopy statements) and on the
/// counts: active organisations count by type (<c>org_type</c>) like people count by their buckets.
/// </summary>
internal static class OrganizationEvents
{
    /// <summary>
    /// A run of created organisations in one statement (OrganizationTreeCopy.RecordAsync's, set-based); those new here count
    /// their people and their type now (an organisation already in the copy is a redelivery and changes nothing).
    /// </summary>
    public static async Task CreatedAsync(DbSession db, IReadOnlyList<IntegrationEvent> run, bool countNow, CancellationToken ct)
    {
        var added = (await db.QueryAsync<Guid>("""
            insert into analytics.organization (id, parent_id, name, type, path)
            select e.id, e.parent_id, e.name, e.type, e.path::ltree
            from jsonb_to_recordset(@rows::jsonb) as e(id uuid, parent_id uuid, name text, type text, path text)
            on conflict (id) do nothing
            returning id
            """, new { rows = Rows.Json(run.Cast<OrganizationCreated>().DistinctBy(o => o.OrganizationId)
                .Select(o => new { Id = o.OrganizationId, o.ParentId, o.Name, o.Type, o.Path })) }, ct)).ToArray();
        if (countNow && added.Length > 0)
        {
            await CatchUpOnEarlierMovesAsync(db, run.Cast<OrganizationCreated>().Where(o => added.Contains(o.OrganizationId)).ToList(), ct);
            await MemberFacts.CountArrivedOrganizationsAsync(db, added, ct);
        }
    }

    /// <summary>
    /// Moves that happened after these organisations were created but were delivered before them (logged, and applied then
    /// only to what was in the copy) are applied to them now, in order: a newcomer created on the old path follows its
    /// subtree to the new one, and the counts its descendants already brought follow it (<see cref="MovedAsync"/>). A rebuild
    /// needs none of this: it replays the log in order.
    /// </summary>
    private static async Task CatchUpOnEarlierMovesAsync(DbSession db, IReadOnlyList<OrganizationCreated> created, CancellationToken ct)
    {
        var since = created.Min(o => o.OccurredAt);
        var moves = await db.QueryAsync<string>("""
            select payload::text from analytics.event_log
            where event_type = 'OrganizationMoved' and occurred_at > @since order by occurred_at, seq
            """, new { since = since.UtcDateTime }, ct);
        if (moves.Count == 0) return;
        await MemberFacts.LockTreeAsync(db, alone: true, ct); // paths change under the recorded deltas (MemberFacts.ShiftMovedSubtreeAsync)
        foreach (var move in moves.Select(m => JsonSerializer.Deserialize<OrganizationMoved>(m, Projection.Json)!))
        {
            var affected = created.Where(o => o.OccurredAt < move.OccurredAt).Select(o => o.OrganizationId).ToArray();
            if (affected.Contains(move.OrganizationId))
                await MemberFacts.ShiftMovedSubtreeAsync(db, move.OrganizationId, move.OldPath, move.NewPath, ct);
            if (affected.Length > 0)
                await OrganizationTreeCopy.MoveAsync(db, move.OrganizationId, move.OldPath, move.NewPath, move.NewParentId, ct, only: affected);
        }
    }

    public static async Task MovedAsync(DbSession db, OrganizationMoved o, bool countNow, CancellationToken ct)
    {
        if (countNow) await MemberFacts.ShiftMovedSubtreeAsync(db, o.OrganizationId, o.OldPath, o.NewPath, ct);
        await OrganizationTreeCopy.MoveAsync(db, o.OrganizationId, o.OldPath, o.NewPath, o.NewParentId, ct);
    }

    /// <summary>The source's people belong to the target now (Personnel moves them without a PersonMoved each); then it closes.</summary>
    public static async Task MergedAsync(DbSession db, OrganizationsMerged o, bool countNow, CancellationToken ct)
    {
        if (countNow)
            await db.ExecuteAsync($"""
                with moved as (select * from analytics.member where organization_id = @SourceId),
                delta as (
                    select @SourceId as organization_id, b.dimension, b.bucket, -1 as d from moved m, lateral {MemberFacts.Buckets("m")} b
                    union all
                    select @TargetId, b.dimension, b.bucket, 1 from moved m, lateral {MemberFacts.Buckets("m")} b)
                {MemberFacts.ApplyDeltas("delta")}
                """, new { o.SourceId, o.TargetId }, ct);
        await db.ExecuteAsync("update analytics.member set organization_id = @TargetId, placement_at = greatest(placement_at, @at) where organization_id = @SourceId",
            new { o.SourceId, o.TargetId, at = o.OccurredAt.UtcDateTime }, ct);
        await ClosedAsync(db, o.SourceId, "merged", countNow, ct);
    }

    /// <summary>OrganizationTreeCopy.CloseAsync, and the organisation no longer counts by type (once: only while it was active).</summary>
    public static Task ClosedAsync(DbSession db, Guid organizationId, string status, bool countNow, CancellationToken ct) => db.ExecuteAsync("""
        with closed as (
            update analytics.organization set status = @status where id = @organizationId and status = 'active' returning id, type, ancestors)
        insert into analytics.member_count (organization_id, dimension, bucket, count)
        select a.id, 'org_type', closed.type, -1 from closed, unnest(closed.ancestors) a(id) where @countNow
        on conflict (organization_id, dimension, bucket) do update set count = analytics.member_count.count + excluded.count
        """, new { organizationId, status, countNow }, ct);
}
