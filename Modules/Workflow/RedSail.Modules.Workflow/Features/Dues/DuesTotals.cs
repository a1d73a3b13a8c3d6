using RedSail.BuildingBlocks.Events;
using RedSail.Modules.Workflow.Contracts;

namespace RedSail.Modules.Workflow.Features.Dues;

/// <summary>
/// Publishes <see cref="DuesMonthTotalsChanged"/> for branch-months whose dues changed, computed from workflow.dues_month in one
/// query (a state event per branch-month, not one per member: receivers keep the newest).
/// </summary>
internal static class DuesTotals
{
    /// <summary>The totals of the (organisation, month) pairs given, or of every branch-month when both are null (demo).</summary>
    public static async Task PublishAsync(WorkflowDb db, Guid[]? organizationIds, DateOnly[]? months, CancellationToken ct)
    {
        var rows = await db.QueryAsync<Totals>("""
            select d.organization_id, d.month,
                   sum(d.amount_due - d.reduction) as due, sum(least(d.paid, d.amount_due - d.reduction)) as paid,
                   count(*) filter (where d.amount_due - d.reduction > 0)::int as members_due,
                   count(*) filter (where d.amount_due - d.reduction > 0 and d.paid >= d.amount_due - d.reduction)::int as members_paid,
                   count(*) filter (where d.amount_due - d.reduction > 0 and d.paid >= d.amount_due - d.reduction
                                    and d.paid_on < d.month + interval '1 month')::int as members_paid_on_time
            from workflow.dues_month d
            where @organizations::uuid[] is null
               or (d.organization_id, d.month) in (select * from unnest(@organizations::uuid[], @months::date[]))
            group by d.organization_id, d.month
            """, new { organizations = organizationIds, months }, ct);
        await db.PublishAsync(rows.Select(r => (IntegrationEvent)new DuesMonthTotalsChanged(r.OrganizationId, r.Month, r.Due, r.Paid, r.MembersDue,
            r.MembersPaid, r.MembersPaidOnTime)).ToList(), ct);
    }

    /// <summary>The pairs of a set of rows, distinct, as the two arrays <see cref="PublishAsync"/> takes.</summary>
    public static (Guid[] Organizations, DateOnly[] Months) Pairs(IEnumerable<(Guid Organization, DateOnly Month)> rows)
    {
        var pairs = rows.Distinct().ToList();
        return (pairs.Select(p => p.Organization).ToArray(), pairs.Select(p => p.Month).ToArray());
    }

    private sealed class Totals
    {
        public Guid OrganizationId { get; init; }
        public DateOnly Month { get; init; }
        public decimal Due { get; init; }
        public decimal Paid { get; init; }
        public int MembersDue { get; init; }
        public int MembersPaid { get; init; }
        public int MembersPaidOnTime { get; init; }
    }
}
