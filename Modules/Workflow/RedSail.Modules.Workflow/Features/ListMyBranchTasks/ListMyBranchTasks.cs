using RedSail.Modules.Workflow.Access;
using RedSail.Modules.Workflow.Contracts;
using RedSail.Modules.Workflow.Features.Plans;

namespace RedSail.Modules.Workflow.Features.ListMyBranchTasks;

/// <summary>
/// A branch's tasks of a year: those from above (published) and its own, soonest due first; cancelled ones only on request.
/// </summary>
internal sealed record ListMyBranchTasks(Guid BranchId, int? Year, bool IncludeCancelled, int Page = 1, int PageSize = 50)
    : IQuery<Paged<PlanTaskView>>;

internal sealed class ListMyBranchTasksHandler(WorkflowDb db, RequestContext context, IClock clock)
    : IRequestHandler<ListMyBranchTasks, Paged<PlanTaskView>>
{
    public async Task<Paged<PlanTaskView>> Handle(ListMyBranchTasks q, CancellationToken cancellationToken)
    {
        await WorkflowScope.EnsureBranchAsync(db, context, WorkflowPermissions.Read, q.BranchId, cancellationToken);
        var paging = Paging.Of(q.Page, q.PageSize);
        const string where = """
            t.owner_organization_id = @BranchId and p.status = 'published' and (@year::int is null or p.year = @year)
            and (@IncludeCancelled or t.status <> 'cancelled')
            """;
        using var grid = await db.QueryMultipleAsync($"""
            select {PlanTaskView.Columns} from {PlanTaskView.From} where {where}
            order by t.status = 'open' desc, t.due_on, t.id limit @Limit offset @Offset;
            select count(*) from {PlanTaskView.From} where {where};
            """, new { q.BranchId, q.Year, q.IncludeCancelled, today = clock.Today, paging.Limit, paging.Offset }, cancellationToken);
        var items = (await grid.ReadAsync<PlanTaskView>()).ToList();
        return new Paged<PlanTaskView>(items, await grid.ReadSingleAsync<long>(), paging.Page, paging.PageSize);
    }
}

internal static class ListMyBranchTasksEndpoint
{
    public static void MapListMyBranchTasks(this IEndpointRouteBuilder api) =>
        api.MapGet("/branches/{id:guid}/plan-tasks", (Guid id, int? year, bool? includeCancelled, int? page, int? pageSize, IMediator mediator,
                CancellationToken ct) => mediator.Send(new ListMyBranchTasks(id, year, includeCancelled ?? false, page ?? 1, pageSize ?? 50), ct))
            .WithName("ListBranchPlanTasks").WithSummary("支部的任务：上级下达的和本支部年度工作布局中的，按完成期限排序")
            .RequirePermission(WorkflowPermissions.Read);
}
