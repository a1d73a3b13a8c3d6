using RedSail.Modules.Workflow.Access;
using RedSail.Modules.Workflow.Contracts;
using RedSail.Modules.Workflow.Features.Supervision;

namespace RedSail.Modules.Workflow.Features.GetSupervisionReport;

/// <summary>One branch's stored scorecard for a quarter, with its answer (the print view reads this). Out of scope: 404.</summary>
internal sealed record GetSupervisionReport(string Quarter, Guid OrganizationId) : IQuery<ScorecardView>;

internal sealed class GetSupervisionReportHandler(WorkflowDb db, RequestContext context) : IRequestHandler<GetSupervisionReport, ScorecardView>
{
    public async Task<ScorecardView> Handle(GetSupervisionReport q, CancellationToken cancellationToken)
    {
        await WorkflowScope.EnsureAsync(db, context, WorkflowPermissions.Read, q.OrganizationId, cancellationToken);
        var row = await db.QuerySingleOrDefaultAsync<ScorecardRow>("""
            select r.quarter, r.organization_id, r.organization_name, r.grade, r.items::text as items, r.computed_at, a.response, a.responded_at
            from workflow.supervision_report r
            left join workflow.supervision_response a on a.quarter = r.quarter and a.organization_id = r.organization_id
            where r.quarter = @Quarter and r.organization_id = @OrganizationId
            """, q, cancellationToken);
        return row?.View(true) ?? throw new NotFoundException("supervision_report", $"{q.Quarter}/{q.OrganizationId}");
    }
}

internal static class GetSupervisionReportEndpoint
{
    public static void MapGetSupervisionReport(this IEndpointRouteBuilder api) =>
        api.MapGet("/supervision/reports/{quarter}/{organizationId:guid}", (string quarter, Guid organizationId, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new GetSupervisionReport(quarter, organizationId), ct))
            .WithName("GetSupervisionReport").WithSummary("一个支部某季度的督导报告").RequirePermission(WorkflowPermissions.Read);
}
