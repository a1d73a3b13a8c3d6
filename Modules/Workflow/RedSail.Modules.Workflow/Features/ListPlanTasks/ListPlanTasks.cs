using RedSail.Modules.Workflow.Access;
using RedSail.Modules.Workflow.Contracts;
using RedSail.Modules.Workflow.Features.Plans;

namespace RedSail.Modules.Workflow.Features.ListPlanTasks;

/// <summary>A plan's tasks by due date, optionally of one owning branch or one status; the plan must be in the caller's scope.</summary>
internal sealed record ListPlanTasks(Guid PlanId, Guid? OwnerOrganizationId, string? Status, int Page = 1, int PageSize = 50)
    : IQuery<Paged<PlanTaskView>>;

internal sealed class ListPlanTasksHandler(WorkflowDb db, RequestContext context, IClock clock) : IRequestHandler<ListPlanTasks, Paged<PlanTaskView>>
{
    public async Task<Paged<PlanTaskView>> Handle(ListPlanTasks q, CancellationToken cancellationToken)
    {
        var paging = Paging.Of(q.Page, q.PageSize);
        var where = $"""
            t.plan_id = @PlanId and {WorkflowScope.Within("po")}
            and (@ownerOrganizationId::uuid is null or t.owner_organization_id = @ownerOrganizationId)
            and (@status::text is null or t.status = @status)
            """;
        using var grid = await db.QueryMultipleAsync($"""
            select {PlanTaskView.Columns} from {PlanTaskView.From} where {where}
            order by t.due_on, oo.path, t.id limit @Limit offset @Offset;
            select count(*) from {PlanTaskView.From} where {where};
            """, WorkflowScope.Parameters(context.Principal.ScopeFor(WorkflowPermissions.Read),
                new { q.PlanId, q.OwnerOrganizationId, q.Status, today = clock.Today, paging.Limit, paging.Offset }), cancellationToken);
        var items = (await grid.ReadAsync<PlanTaskView>()).ToList();
        return new Paged<PlanTaskView>(items, await grid.ReadSingleAsync<long>(), paging.Page, paging.PageSize);
    }
}

internal static class ListPlanTasksEndpoint
{
    public static void MapListPlanTasks(this IEndpointRouteBuilder api) =>
        api.MapGet("/plans/{id:guid}/tasks", (Guid id, Guid? ownerOrganizationId, string? status, int? page, int? pageSize, IMediator mediator,
                CancellationToken ct) => mediator.Send(new ListPlanTasks(id, ownerOrganizationId, status, page ?? 1, pageSize ?? 50), ct))
            .WithName("ListPlanTasks").WithSummary("计划的任务（按完成期限排序，可按承担支部、状态筛选）")
            .RequirePermission(WorkflowPermissions.Read);
}
