using RedSail.Modules.Analytics.Access;
using RedSail.Modules.Analytics.Contracts;
using RedSail.Modules.Analytics.Features.GetDuesCollection;

namespace RedSail.Modules.Analytics.Features.ListDuesBranchMonths;

/// <summary>Drill-down from the dues collection rate: the branch-months behind a month (or a branch's year), lowest rate first, paged.</summary>
internal sealed record ListDuesBranchMonths(Guid? OrganizationId, int Year, int? Month, int Page = 1, int PageSize = 20) : IQuery<Paged<DuesBranchMonth>>;

internal sealed record DuesBranchMonth(Guid BranchId, string BranchName, string Month, decimal Due, decimal Paid, decimal? Rate, int MembersDue,
    int MembersPaid, int MembersPaidOnTime);

internal sealed class ListDuesBranchMonthsValidator : IValidator<ListDuesBranchMonths>
{
    public void Validate(ListDuesBranchMonths q, ValidationErrors errors)
    {
        errors.Between("year", q.Year, 2000, 2100);
        if (q.Month is { } month) errors.Between("month", month, 1, 12);
    }
}

internal sealed class ListDuesBranchMonthsHandler(AnalyticsDb db, RequestContext context) : IRequestHandler<ListDuesBranchMonths, Paged<DuesBranchMonth>>
{
    public async Task<Paged<DuesBranchMonth>> Handle(ListDuesBranchMonths q, CancellationToken cancellationToken)
    {
        var roots = await AnalyticsScope.RootsAsync(db, context, q.OrganizationId, cancellationToken);
        var paging = Paging.Of(q.Page, q.PageSize);
        using var grid = await db.QueryMultipleAsync($"""
            {DuesSql.BranchMonths}
            select count(*) from branch_month;
            {DuesSql.BranchMonths}
            select branch_id, branch_name, to_char(month, 'YYYY-MM') as month, due, paid, members_due::int, members_paid::int, members_paid_on_time::int
            from branch_month
            order by case when due = 0 then 1 else paid / due end, branch_name collate "zh-x-icu", branch_id, month limit @Limit offset @Offset;
            """, new { roots, year = q.Year, month = q.Month is { } m ? new DateOnly(q.Year, m, 1) : (DateOnly?)null, paging.Limit, paging.Offset },
            cancellationToken);
        var total = await grid.ReadSingleAsync<long>();
        var rows = (await grid.ReadAsync<Row>()).Select(r => new DuesBranchMonth(r.BranchId, r.BranchName ?? "", r.Month, r.Due, r.Paid, DuesSql.Rate(r.Paid, r.Due),
            r.MembersDue, r.MembersPaid, r.MembersPaidOnTime)).ToList();
        return new Paged<DuesBranchMonth>(rows, total, paging.Page, paging.PageSize);
    }

    private sealed class Row
    {
        public Guid BranchId { get; init; }
        public string? BranchName { get; init; }
        public string Month { get; init; } = "";
        public decimal Due { get; init; }
        public decimal Paid { get; init; }
        public int MembersDue { get; init; }
        public int MembersPaid { get; init; }
        public int MembersPaidOnTime { get; init; }
    }
}

internal static class ListDuesBranchMonthsEndpoint
{
    public static void MapListDuesBranchMonths(this IEndpointRouteBuilder api) =>
        api.MapGet("/dues/branch-months", (Guid? organizationId, int? year, int? month, int? page, int? pageSize, IMediator mediator, IClock clock,
                CancellationToken ct) =>
                mediator.Send(new ListDuesBranchMonths(organizationId, year ?? clock.Today.Year, month, page ?? 1, pageSize ?? 20), ct))
            .WithName("ListAnalyticsDuesBranchMonths").WithSummary("党费钻取：某月（或全年）各支部月度应缴、实缴、收缴率，收缴率低者在前")
            .RequirePermission(AnalyticsPermissions.Read);
}
