using RedSail.Modules.Workflow.Access;
using RedSail.Modules.Workflow.Contracts;
using RedSail.Modules.Workflow.Domain;

namespace RedSail.Modules.Workflow.Features.GetDuesReport;

/// <summary>
/// Dues collection of a subtree for a year: per branch and month the members owing, amount due (after reductions), paid,
/// the rate of collection and arrears (past months not paid in full); the subtree's totals per month (for the chart) and for
/// the year. Branches are paged; the totals cover them all. Everything is summed in PostgreSQL from dues_month.
/// </summary>
internal sealed record GetDuesReport(Guid OrganizationId, int Year, int Page = 1, int PageSize = 20) : IQuery<DuesReport>;

internal sealed record DuesReport(int Year, IReadOnlyList<DuesReportBranch> Branches, long Total, int Page, int PageSize,
    IReadOnlyList<DuesReportLine> Months, DuesReportLine YearTotal);

internal sealed record DuesReportBranch(Guid OrganizationId, string OrganizationName, IReadOnlyList<DuesReportLine> Months, DuesReportLine Year);

/// <summary>One month (or the year: <see cref="Month"/> null): rate = paid ÷ due in percent (null when nothing was due).</summary>
internal sealed record DuesReportLine(DateOnly? Month, int Members, decimal Due, decimal Paid, decimal? RatePercent, decimal Arrears);

internal sealed class GetDuesReportValidator : IValidator<GetDuesReport>
{
    public void Validate(GetDuesReport request, ValidationErrors errors) => errors.Between("year", request.Year, 2000, 2100);
}

internal sealed class GetDuesReportHandler(WorkflowDb db, RequestContext context, IClock clock) : IRequestHandler<GetDuesReport, DuesReport>
{
    public async Task<DuesReport> Handle(GetDuesReport q, CancellationToken cancellationToken)
    {
        var organization = await WorkflowScope.EnsureAsync(db, context, WorkflowPermissions.Read, q.OrganizationId, cancellationToken);
        var paging = Paging.Of(q.Page, q.PageSize);
        var args = new
        {
            path = organization.Path, from = new DateOnly(q.Year, 1, 1), to = new DateOnly(q.Year, 12, 1),
            current = DuesCalculation.MonthOf(clock.Today), paging.Limit, paging.Offset,
        };
        // The lines of the subtree, summed once per query (queries run read-only: no temporary table).
        const string lines = """
            with line as (
                select d.organization_id, d.month, count(*)::int as members, sum(d.amount_due - d.reduction) as due, sum(d.paid) as paid,
                       coalesce(sum(d.amount_due - d.reduction - d.paid) filter (where d.month < @current and d.paid < d.amount_due - d.reduction), 0) as arrears
                from workflow.dues_month d join workflow.organization o on o.id = d.organization_id
                where o.path <@ @path::ltree and d.month between @from and @to
                group by d.organization_id, d.month)
            """;
        using var grid = await db.QueryMultipleAsync($"""
            {lines},
            page as (
                select l.organization_id, o.name, o.path, count(*) over () as total from line l join workflow.organization o on o.id = l.organization_id
                group by l.organization_id, o.name, o.path order by o.path limit @Limit offset @Offset)
            select page.organization_id, page.name as organization_name, page.total, l.month, l.members, l.due, l.paid, l.arrears
            from page join line l on l.organization_id = page.organization_id order by page.path, l.month;
            {lines}
            select month, sum(members)::int as members, sum(due) as due, sum(paid) as paid, sum(arrears) as arrears
            from line group by month order by month;
            """, args, cancellationToken);
        var rows = (await grid.ReadAsync<Row>()).ToList();
        var months = (await grid.ReadAsync<Row>()).Select(Line).ToList();
        var branches = rows.GroupBy(l => (l.OrganizationId, l.OrganizationName))
            .Select(g => new DuesReportBranch(g.Key.OrganizationId!.Value, g.Key.OrganizationName, g.Select(Line).ToList(), Sum(g.Select(Line))))
            .ToList();
        return new DuesReport(q.Year, branches, rows.FirstOrDefault()?.Total ?? 0, paging.Page, paging.PageSize, months, Sum(months));
    }

    private static DuesReportLine Line(Row r) => new(r.Month, r.Members, r.Due, r.Paid, Rate(r.Paid, r.Due), r.Arrears);

    private static DuesReportLine Sum(IEnumerable<DuesReportLine> lines)
    {
        var all = lines.ToList();
        var due = all.Sum(l => l.Due);
        var paid = all.Sum(l => l.Paid);
        return new DuesReportLine(null, all.Count == 0 ? 0 : all.Max(l => l.Members), due, paid, Rate(paid, due), all.Sum(l => l.Arrears));
    }

    /// <summary>Paid over due in percent, to one decimal place.</summary>
    private static decimal? Rate(decimal paid, decimal due) => due == 0m ? null : Math.Round(paid * 100m / due, 1, MidpointRounding.AwayFromZero);

    private sealed class Row
    {
        public Guid? OrganizationId { get; init; }
        public string OrganizationName { get; init; } = "";
        public long Total { get; init; }
        public DateOnly Month { get; init; }
        public int Members { get; init; }
        public decimal Due { get; init; }
        public decimal Paid { get; init; }
        public decimal Arrears { get; init; }
    }
}

internal static class GetDuesReportEndpoint
{
    public static void MapGetDuesReport(this IEndpointRouteBuilder api) =>
        api.MapGet("/dues/report", (Guid organizationId, int? year, int? page, int? pageSize, IMediator mediator, IClock clock, CancellationToken ct) =>
                mediator.Send(new GetDuesReport(organizationId, year ?? clock.Today.Year, page ?? 1, pageSize ?? 20), ct))
            .WithName("GetDuesReport").WithSummary("党费收缴统计：各支部各月应缴、实缴、收缴率与欠缴（组织及下级）")
            .RequirePermission(WorkflowPermissions.Read);
}
