using RedSail.Modules.Workflow.Access;
using RedSail.Modules.Workflow.Contracts;
using RedSail.Modules.Workflow.Features.Supervision;

namespace RedSail.Modules.Workflow.Features.ListSupervisionReports;

/// <summary>
/// One quarter's scorecards of the branches in the caller's scope (optionally one subtree, one grade), red first, then
/// yellow, by name; with the counts by grade for the filter's tabs.
/// </summary>
internal sealed record ListSupervisionReports(string? Quarter, Guid? OrganizationId, string? Grade, int Page = 1, int PageSize = 20)
    : IQuery<SupervisionReportList>;

internal sealed record SupervisionReportList(IReadOnlyList<ScorecardView> Items, long Total, int Page, int PageSize,
    IReadOnlyDictionary<string, long> ByGrade);

internal sealed class ListSupervisionReportsHandler(WorkflowDb db, RequestContext context) : IRequestHandler<ListSupervisionReports, SupervisionReportList>
{
    public async Task<SupervisionReportList> Handle(ListSupervisionReports q, CancellationToken cancellationToken)
    {
        var paging = Paging.Of(q.Page, q.PageSize);
        var quarter = q.Quarter ?? await db.ExecuteScalarAsync<string>("select max(quarter) from workflow.supervision_run", null, cancellationToken);
        var where = $"""
            r.quarter = @quarter and {WorkflowScope.Within("o")}
            and (@organizationId::uuid is null or o.path <@ (select path from workflow.organization where id = @organizationId))
            """;
        using var grid = await db.QueryMultipleAsync($"""
            select r.quarter, r.organization_id, r.organization_name, r.grade, r.items::text as items, r.computed_at, a.response, a.responded_at
            from workflow.supervision_report r join workflow.organization o on o.id = r.organization_id
            left join workflow.supervision_response a on a.quarter = r.quarter and a.organization_id = r.organization_id
            where {where} and (@grade::text is null or r.grade = @grade)
            order by case r.grade when 'red' then 0 when 'yellow' then 1 else 2 end, r.organization_name collate "zh-x-icu", r.organization_id
            limit @Limit offset @Offset;
            select r.grade, count(*) from workflow.supervision_report r join workflow.organization o on o.id = r.organization_id
            where {where} group by r.grade;
            """, WorkflowScope.Parameters(context.Principal.ScopeFor(WorkflowPermissions.Read),
                new { quarter, q.OrganizationId, q.Grade, paging.Limit, paging.Offset }), cancellationToken);
        var rows = (await grid.ReadAsync<ScorecardRow>()).Select(r => r.View(true)).ToList();
        var byGrade = (await grid.ReadAsync<(string Grade, long Count)>()).ToDictionary(g => g.Grade, g => g.Count);
        return new SupervisionReportList(rows, q.Grade is null ? byGrade.Values.Sum() : byGrade.GetValueOrDefault(q.Grade),
            paging.Page, paging.PageSize, byGrade);
    }
}

internal static class ListSupervisionReportsEndpoint
{
    public static void MapListSupervisionReports(this IEndpointRouteBuilder api) =>
        api.MapGet("/supervision/reports", (string? quarter, Guid? organizationId, string? grade, int? page, int? pageSize, IMediator mediator,
                CancellationToken ct) => mediator.Send(new ListSupervisionReports(quarter, organizationId, grade, page ?? 1, pageSize ?? 20), ct))
            .WithName("ListSupervisionReports").WithSummary("某季度各支部的督导报告（红灯在前）").RequirePermission(WorkflowPermissions.Read);
}
