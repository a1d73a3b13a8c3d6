using RedSail.BuildingBlocks.Data;
using RedSail.BuildingBlocks.Events;
using RedSail.Modules.Honors.Contracts;

namespace RedSail.Modules.Analytics.Features.ReadModel;

/// <summary>Honours by level and year: few enough rows (thousands, not millions) to count per subtree at query time.</summary>
internal static class HonourEvents
{
    public static Task ApprovedAsync(DbSession db, HonourApproved e, CancellationToken ct) => db.ExecuteAsync("""
        insert into analytics.honour as h (honour_id, organization_id, person_id, type, level, title, awarded_on, approved_at)
        values (@HonourId, @OrganizationId, @PersonId, @Type, @Level, @Title, @AwardedOn, @at)
        on conflict (honour_id) do update set organization_id = excluded.organization_id, person_id = excluded.person_id, type = excluded.type,
            level = excluded.level, title = excluded.title, awarded_on = excluded.awarded_on, approved_at = excluded.approved_at
        where h.approved_at is null or h.approved_at < excluded.approved_at
        """, new { e.HonourId, e.OrganizationId, e.PersonId, e.Type, e.Level, e.Title, e.AwardedOn, at = e.OccurredAt.UtcDateTime }, ct);

    /// <summary>A withdrawal that arrives before its approval leaves a withdrawn row the approval fills in.</summary>
    public static Task WithdrawnAsync(DbSession db, HonourWithdrawn e, CancellationToken ct) => db.ExecuteAsync("""
        insert into analytics.honour (honour_id, organization_id, withdrawn, withdrawn_at) values (@HonourId, @OrganizationId, true, @at)
        on conflict (honour_id) do update set withdrawn = true, withdrawn_at = @at
        """, new { e.HonourId, e.OrganizationId, at = e.OccurredAt.UtcDateTime }, ct);
}
