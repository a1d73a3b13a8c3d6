using RedSail.Modules.Analytics.Access;
using RedSail.Modules.Analytics.Contracts;
using RedSail.Modules.Analytics.Domain;
using RedSail.Modules.Workflow.Contracts;

namespace RedSail.Modules.Analytics.Features.GetComplianceHeatMap;

/// <summary>
/// The compliance heat map: the branches of a subtree (default: the caller's scope) × the twelve months of a year, each cell the
/// worst status of the quotas judged that month (<see cref="ComplianceJudgement"/>) from Workflow's published quota counts —
/// the same cells as Workflow's compliance board for the same data. Branches in the same order as the board, paged.
/// </summary>
internal sealed record GetComplianceHeatMap(Guid? OrganizationId, int Year, int Page = 1, int PageSize = 50) : IQuery<ComplianceHeatMap>;

internal sealed record ComplianceHeatMap(int Year, DateOnly Today, IReadOnlyList<HeatMapBranch> Items, long Total, int Page, int PageSize);

internal sealed record HeatMapBranch(Guid Id, string Name, IReadOnlyList<HeatMapCell> Months);

internal sealed record HeatMapCell(int Month, string Status, IReadOnlyList<QuotaJudged> Items);

internal sealed record QuotaJudged(string Type, string Per, DateOnly PeriodStart, DateOnly PeriodEnd, int Held, int Required, string Status);

internal sealed class GetComplianceHeatMapValidator : IValidator<GetComplianceHeatMap>
{
    public void Validate(GetComplianceHeatMap q, ValidationErrors errors) => errors.Between("year", q.Year, 2000, 2100);
}

internal sealed class GetComplianceHeatMapHandler(AnalyticsDb db, RequestContext context, IClock clock) : IRequestHandler<GetComplianceHeatMap, ComplianceHeatMap>
{
    public async Task<ComplianceHeatMap> Handle(GetComplianceHeatMap q, CancellationToken cancellationToken)
    {
        var roots = await AnalyticsScope.RootsAsync(db, context, q.OrganizationId, cancellationToken);
        var paging = Paging.Of(q.Page, q.PageSize);
        var branches = $"""
            select b.id, b.name from analytics.organization b
            where b.status = 'active' and b.type = any(@branchTypes) and {AnalyticsScope.Within("b")}
            """;
        const string order = "order by b.name collate \"zh-x-icu\", b.id limit @Limit offset @Offset";
        using var grid = await db.QueryMultipleAsync($"""
            select count(*) from ({branches}) b;
            {branches} {order};
            select q.branch_id, q.type, q.per, q.starts_on, q.ends_on, q.required, q.held
            from analytics.meeting_quota q where q.year = @year and q.branch_id in (select b.id from ({branches} {order}) b);
            """, new { roots, branchTypes = Bands.BranchTypes.ToArray(), year = q.Year, paging.Limit, paging.Offset }, cancellationToken);
        var total = await grid.ReadSingleAsync<long>();
        var page = (await grid.ReadAsync<BranchName>()).ToList();
        var quotas = (await grid.ReadAsync<QuotaRow>()).ToLookup(c => c.BranchId);
        var today = clock.Today;
        return new ComplianceHeatMap(q.Year, today, page.Select(b => new HeatMapBranch(b.Id, b.Name, Enumerable.Range(1, 12).Select(month =>
        {
            var items = quotas[b.Id].Where(c => c.EndsOn.Month == month)
                .Select(c => new QuotaJudged(c.Type, c.Per, c.StartsOn, c.EndsOn, c.Held, c.Required,
                    ComplianceStatus.Of(c.Held, c.Required, c.StartsOn, c.EndsOn, today)))
                .OrderBy(i => ComplianceJudgement.MeetingTypes.ToList().IndexOf(i.Type)).ToList();
            return new HeatMapCell(month, ComplianceStatus.Worst(items.Select(i => i.Status)), items);
        }).ToList())).ToList(), total, paging.Page, paging.PageSize);
    }

    private sealed class BranchName
    {
        public Guid Id { get; init; }
        public string Name { get; init; } = "";
    }

    private sealed class QuotaRow
    {
        public Guid BranchId { get; init; }
        public string Type { get; init; } = "";
        public string Per { get; init; } = "";
        public DateOnly StartsOn { get; init; }
        public DateOnly EndsOn { get; init; }
        public int Required { get; init; }
        public int Held { get; init; }
    }
}

internal static class GetComplianceHeatMapEndpoint
{
    public static void MapGetComplianceHeatMap(this IEndpointRouteBuilder api) =>
        api.MapGet("/compliance", (Guid? organizationId, int? year, int? page, int? pageSize, IMediator mediator, IClock clock, CancellationToken ct) =>
                mediator.Send(new GetComplianceHeatMap(organizationId, year ?? clock.Today.Year, page ?? 1, pageSize ?? 50), ct))
            .WithName("GetAnalyticsComplianceHeatMap").WithSummary("组织生活合规热力图：各支部 × 12 个月（与合规看板同一判定），按组织子树与年份")
            .RequirePermission(AnalyticsPermissions.Read);
}
