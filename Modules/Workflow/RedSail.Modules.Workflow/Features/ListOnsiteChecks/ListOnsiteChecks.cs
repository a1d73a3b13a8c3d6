using RedSail.Modules.Workflow.Access;
using RedSail.Modules.Workflow.Contracts;

namespace RedSail.Modules.Workflow.Features.ListOnsiteChecks;

/// <summary>On-site checks in the caller's scope (optionally one subtree, or only those with open rectifications), newest first, each with its rectifications.</summary>
internal sealed record ListOnsiteChecks(Guid? OrganizationId, bool OpenOnly, int Page = 1, int PageSize = 20) : IQuery<Paged<OnsiteCheckView>>;

internal sealed record OnsiteCheckView(Guid Id, Guid OrganizationId, string OrganizationName, DateOnly CheckedOn, string Inspectors, string Findings,
    IReadOnlyList<RectificationView> Rectifications);

internal sealed record RectificationView(Guid Id, string Requirement, DateOnly DueOn, string Status, DateOnly? CompletedOn, string? Result, bool Overdue, long Version);

internal sealed class ListOnsiteChecksHandler(WorkflowDb db, RequestContext context, IClock clock) : IRequestHandler<ListOnsiteChecks, Paged<OnsiteCheckView>>
{
    public async Task<Paged<OnsiteCheckView>> Handle(ListOnsiteChecks q, CancellationToken cancellationToken)
    {
        var paging = Paging.Of(q.Page, q.PageSize);
        var where = $"""
            {WorkflowScope.Within("o")}
            and (@organizationId::uuid is null or o.path <@ (select path from workflow.organization where id = @organizationId))
            and (not @openOnly or exists (select 1 from workflow.rectification r where r.check_id = c.id and r.status = 'open'))
            """;
        using var grid = await db.QueryMultipleAsync($"""
            select c.id, c.organization_id, o.name as organization_name, c.checked_on, c.inspectors, c.findings
            from workflow.onsite_check c join workflow.organization o on o.id = c.organization_id
            where {where} order by c.checked_on desc, c.id desc limit @Limit offset @Offset;
            select count(*) from workflow.onsite_check c join workflow.organization o on o.id = c.organization_id where {where};
            """, WorkflowScope.Parameters(context.Principal.ScopeFor(WorkflowPermissions.Read),
                new { q.OrganizationId, q.OpenOnly, paging.Limit, paging.Offset }), cancellationToken);
        var checks = (await grid.ReadAsync<CheckRow>()).ToList();
        var total = await grid.ReadSingleAsync<long>();
        var today = clock.Today;
        var rectifications = (await db.QueryAsync<RectificationRow>("""
            select id, check_id, requirement, due_on, status, completed_on, result, version from workflow.rectification
            where check_id = any(@ids) order by due_on, id
            """, new { ids = checks.Select(c => c.Id).ToArray() }, cancellationToken)).ToLookup(r => r.CheckId);
        return new Paged<OnsiteCheckView>(checks.Select(c => new OnsiteCheckView(c.Id, c.OrganizationId, c.OrganizationName, c.CheckedOn, c.Inspectors,
            c.Findings, rectifications[c.Id].Select(r => new RectificationView(r.Id, r.Requirement, r.DueOn, r.Status, r.CompletedOn, r.Result,
                r.Status == "open" && r.DueOn < today, r.Version)).ToList())).ToList(), total, paging.Page, paging.PageSize);
    }

    private sealed record CheckRow(Guid Id, Guid OrganizationId, string OrganizationName, DateOnly CheckedOn, string Inspectors, string Findings);

    private sealed record RectificationRow(Guid Id, Guid CheckId, string Requirement, DateOnly DueOn, string Status, DateOnly? CompletedOn, string? Result,
        long Version);
}

internal static class ListOnsiteChecksEndpoint
{
    public static void MapListOnsiteChecks(this IEndpointRouteBuilder api) =>
        api.MapGet("/supervision/checks", (Guid? organizationId, bool? openOnly, int? page, int? pageSize, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new ListOnsiteChecks(organizationId, openOnly ?? false, page ?? 1, pageSize ?? 20), ct))
            .WithName("ListOnsiteChecks").WithSummary("督导检查记录及整改情况").RequirePermission(WorkflowPermissions.Read);
}
