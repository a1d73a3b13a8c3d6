using RedSail.Modules.Workflow.Access;
using RedSail.Modules.Workflow.Contracts;

namespace RedSail.Modules.Workflow.Features.ListPlans;

/// <summary>The plans in the caller's scope, optionally of one year or one organisation's subtree, newest year first.</summary>
internal sealed record ListPlans(int? Year, Guid? OrganizationId, int Page = 1, int PageSize = 20) : IQuery<Paged<PlanSummary>>;

internal sealed class PlanSummary
{
    public Guid Id { get; init; }
    public Guid OrganizationId { get; init; }
    public string OrganizationName { get; init; } = "";
    public int Year { get; init; }
    public string Level { get; init; } = "";
    public string Title { get; init; } = "";
    public string Status { get; init; } = "";
    public int Tasks { get; init; }
    public int Done { get; init; }
    public long Version { get; init; }
}

internal sealed class ListPlansHandler(WorkflowDb db, RequestContext context) : IRequestHandler<ListPlans, Paged<PlanSummary>>
{
    public async Task<Paged<PlanSummary>> Handle(ListPlans q, CancellationToken cancellationToken)
    {
        var paging = Paging.Of(q.Page, q.PageSize);
        var where = $"""
            {WorkflowScope.Within("o")} and (@year::int is null or p.year = @year)
            and (@organizationId::uuid is null or o.path <@ (select path from workflow.organization where id = @organizationId))
            """;
        using var grid = await db.QueryMultipleAsync($"""
            select p.id, p.organization_id, o.name as organization_name, p.year, p.level, p.title, p.status, p.version,
                   (select count(*)::int from workflow.plan_task t where t.plan_id = p.id and t.status <> 'cancelled') as tasks,
                   (select count(*)::int from workflow.plan_task t where t.plan_id = p.id and t.status = 'done') as done
            from workflow.plan p join workflow.organization o on o.id = p.organization_id
            where {where}
            order by p.year desc, p.level desc, o.path, p.id
            limit @Limit offset @Offset;
            select count(*) from workflow.plan p join workflow.organization o on o.id = p.organization_id where {where};
            """, WorkflowScope.Parameters(context.Principal.ScopeFor(WorkflowPermissions.Read),
                new { q.Year, q.OrganizationId, paging.Limit, paging.Offset }), cancellationToken);
        var items = (await grid.ReadAsync<PlanSummary>()).ToList();
        return new Paged<PlanSummary>(items, await grid.ReadSingleAsync<long>(), paging.Page, paging.PageSize);
    }
}

internal static class ListPlansEndpoint
{
    public static void MapListPlans(this IEndpointRouteBuilder api) =>
        api.MapGet("/plans", (int? year, Guid? organizationId, int? page, int? pageSize, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new ListPlans(year, organizationId, page ?? 1, pageSize ?? 20), ct))
            .WithName("ListPlans").WithSummary("年度计划列表（可按年度、组织筛选）")
            .RequirePermission(WorkflowPermissions.Read);
}
