using RedSail.Modules.Analytics.Access;
using RedSail.Modules.Analytics.Contracts;

namespace RedSail.Modules.Analytics.Features.GetDuesCollection;

/// <summary>
/// Dues collection of a subtree (default: the caller's scope) in a year, from the branch-month totals Workflow publishes: due
/// (after reductions) and paid (at most what was due, per member) by month, and by branch over the year (the branch a party
/// group's members pay in is the group's branch). Rate = paid / due.
/// </summary>
internal sealed record GetDuesCollection(Guid? OrganizationId, int Year) : IQuery<DuesCollection>;

internal sealed record DuesCollection(int Year, decimal Due, decimal Paid, decimal? Rate, IReadOnlyList<DuesFigure> ByMonth, IReadOnlyList<DuesFigure> ByBranch);

/// <summary>Key: the month (yyyy-MM) or the branch id; Name: the branch's name (null for a month).</summary>
internal sealed record DuesFigure(string Key, string? Name, decimal Due, decimal Paid, decimal? Rate, int MembersDue, int MembersPaid);

internal sealed class GetDuesCollectionValidator : IValidator<GetDuesCollection>
{
    public void Validate(GetDuesCollection q, ValidationErrors errors) => errors.Between("year", q.Year, 2000, 2100);
}

internal sealed class GetDuesCollectionHandler(AnalyticsDb db, RequestContext context) : IRequestHandler<GetDuesCollection, DuesCollection>
{
    public async Task<DuesCollection> Handle(GetDuesCollection q, CancellationToken cancellationToken)
    {
        var roots = await AnalyticsScope.RootsAsync(db, context, q.OrganizationId, cancellationToken);
        var rows = await db.QueryAsync<Row>($"""
            {DuesSql.BranchMonths}
            select to_char(month, 'YYYY-MM') as key, null as name, sum(due) as due, sum(paid) as paid, sum(members_due)::int as members_due,
                   sum(members_paid)::int as members_paid, 0 as kind
            from branch_month group by month
            union all
            select branch_id::text, branch_name, sum(due), sum(paid), sum(members_due)::int, sum(members_paid)::int, 1
            from branch_month group by branch_id, branch_name
            order by kind, key
            """, new { roots, year = q.Year, month = (DateOnly?)null }, cancellationToken);
        var byMonth = rows.Where(r => r.Kind == 0).Select(r => r.Figure()).ToList();
        var byBranch = rows.Where(r => r.Kind == 1).Select(r => r.Figure()).OrderBy(b => b.Rate ?? 1).ThenBy(b => b.Name).ToList();
        var due = byMonth.Sum(m => m.Due);
        var paid = byMonth.Sum(m => m.Paid);
        return new DuesCollection(q.Year, due, paid, DuesSql.Rate(paid, due), byMonth, byBranch);
    }

    private sealed class Row
    {
        public string Key { get; init; } = "";
        public string? Name { get; init; }
        public decimal Due { get; init; }
        public decimal Paid { get; init; }
        public int MembersDue { get; init; }
        public int MembersPaid { get; init; }
        public int Kind { get; init; }

        public DuesFigure Figure() => new(Key, Name, Due, Paid, DuesSql.Rate(Paid, Due), MembersDue, MembersPaid);
    }
}

/// <summary>The branch-months of a subtree's dues in a year (or one month of it), by the branch they are collected in.</summary>
internal static class DuesSql
{
    /// <summary>A CTE <c>branch_month</c> (branch_id, branch_name, month, due, paid, members_due, members_paid, members_paid_on_time); binds @roots, @year, @month.</summary>
    public static readonly string BranchMonths = $"""
        with branch_month as (
            select case when o.type = 'party_group' then o.parent_id else o.id end as branch_id,
                   case when o.type = 'party_group' then p.name else o.name end as branch_name,
                   d.month, sum(d.due) as due, sum(d.paid) as paid, sum(d.members_due) as members_due, sum(d.members_paid) as members_paid,
                   sum(d.members_paid_on_time) as members_paid_on_time
            from analytics.dues_month d join analytics.organization o on o.id = d.organization_id
            left join analytics.organization p on p.id = o.parent_id
            where extract(year from d.month) = @year and (@month::date is null or d.month = @month) and {AnalyticsScope.Within("o")}
            group by 1, 2, d.month)
        """;

    public static decimal? Rate(decimal paid, decimal due) => due == 0 ? null : Math.Round(paid / due, 4);
}

internal static class GetDuesCollectionEndpoint
{
    public static void MapGetDuesCollection(this IEndpointRouteBuilder api) =>
        api.MapGet("/dues", (Guid? organizationId, int? year, IMediator mediator, IClock clock, CancellationToken ct) =>
                mediator.Send(new GetDuesCollection(organizationId, year ?? clock.Today.Year), ct))
            .WithName("GetAnalyticsDuesCollection").WithSummary("党费收缴率：按月与按支部的应缴、实缴与收缴率，按组织子树与年份")
            .RequirePermission(AnalyticsPermissions.Read);
}
