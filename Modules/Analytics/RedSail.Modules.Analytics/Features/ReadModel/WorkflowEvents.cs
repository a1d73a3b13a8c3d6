using RedSail.BuildingBlocks.Data;
using RedSail.Modules.Workflow.Contracts;

namespace RedSail.Modules.Analytics.Features.ReadModel;

/// <summary>
/// Meetings, meeting quotas and dues from Workflow's state events: each row keeps the occurred_at of the event that set it, and
/// an older event changes nothing, so duplicates and any order give the same rows. A removal arriving before its recording
/// leaves a removed row the recording fills in (it stays removed).
/// </summary>
internal static class WorkflowEvents
{
    public static Task MeetingRecordedAsync(DbSession db, MeetingRecorded e, CancellationToken ct) => db.ExecuteAsync("""
        insert into analytics.meeting as m (meeting_id, organization_id, branch_id, type, held_on, expected, present, quorum_met, recorded_at, state_at)
        values (@MeetingId, @OrganizationId, @BranchId, @Type, @HeldOn, @Expected, @Present, @QuorumMet, @recordedAt, @at)
        on conflict (meeting_id) do update set organization_id = excluded.organization_id, branch_id = excluded.branch_id, type = excluded.type,
            held_on = excluded.held_on, expected = excluded.expected, present = excluded.present, quorum_met = excluded.quorum_met,
            recorded_at = excluded.recorded_at, state_at = excluded.state_at
        where m.state_at is null or m.state_at < excluded.state_at
        """, new { e.MeetingId, e.OrganizationId, e.BranchId, e.Type, e.HeldOn, e.Expected, e.Present, e.QuorumMet,
            recordedAt = e.RecordedAt.UtcDateTime, at = e.OccurredAt.UtcDateTime }, ct);

    public static Task MeetingRemovedAsync(DbSession db, MeetingRemoved e, CancellationToken ct) => db.ExecuteAsync("""
        insert into analytics.meeting (meeting_id, organization_id, removed, removed_reason, removed_at) values (@MeetingId, @OrganizationId, true, @Reason, @at)
        on conflict (meeting_id) do update set removed = true, removed_reason = excluded.removed_reason, removed_at = excluded.removed_at
        """, new { e.MeetingId, e.OrganizationId, e.Reason, at = e.OccurredAt.UtcDateTime }, ct);

    /// <summary>Replaces the branch-year's quotas when this count is the newest.</summary>
    public static async Task QuotasCountedAsync(DbSession db, MeetingQuotasCounted e, CancellationToken ct)
    {
        var newest = await db.ExecuteAsync("""
            insert into analytics.meeting_quota_year as y (branch_id, year, counted_at) values (@BranchId, @Year, @at)
            on conflict (branch_id, year) do update set counted_at = excluded.counted_at where y.counted_at < excluded.counted_at
            """, new { e.BranchId, e.Year, at = e.OccurredAt.UtcDateTime }, ct);
        if (newest == 0) return;
        await db.ExecuteAsync("""
            delete from analytics.meeting_quota where branch_id = @BranchId and year = @Year;
            insert into analytics.meeting_quota (branch_id, year, type, per, starts_on, ends_on, required, held)
            select @BranchId, @Year, q.type, q.per, q.starts_on, q.ends_on, q.required, q.held
            from unnest(@types, @pers, @starts, @ends, @required, @held) q(type, per, starts_on, ends_on, required, held);
            """, new
        {
            e.BranchId, e.Year,
            types = e.Quotas.Select(q => q.Type).ToArray(), pers = e.Quotas.Select(q => q.Per).ToArray(),
            starts = e.Quotas.Select(q => q.StartsOn).ToArray(), ends = e.Quotas.Select(q => q.EndsOn).ToArray(),
            required = e.Quotas.Select(q => q.Required).ToArray(), held = e.Quotas.Select(q => q.Held).ToArray(),
        }, ct);
    }

    public static Task DuesTotalsAsync(DbSession db, DuesMonthTotalsChanged e, CancellationToken ct) => db.ExecuteAsync("""
        insert into analytics.dues_month as d (organization_id, month, due, paid, members_due, members_paid, members_paid_on_time, changed_at)
        values (@OrganizationId, @Month, @Due, @Paid, @MembersDue, @MembersPaid, @MembersPaidOnTime, @at)
        on conflict (organization_id, month) do update set due = excluded.due, paid = excluded.paid, members_due = excluded.members_due,
            members_paid = excluded.members_paid, members_paid_on_time = excluded.members_paid_on_time, changed_at = excluded.changed_at
        where d.changed_at < excluded.changed_at
        """, new { e.OrganizationId, e.Month, e.Due, e.Paid, e.MembersDue, e.MembersPaid, e.MembersPaidOnTime, at = e.OccurredAt.UtcDateTime }, ct);
}
