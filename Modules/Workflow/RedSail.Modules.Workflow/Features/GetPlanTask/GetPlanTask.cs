using RedSail.Modules.Workflow.Access;
using RedSail.Modules.Workflow.Contracts;
using RedSail.Modules.Workflow.Features.Plans;

namespace RedSail.Modules.Workflow.Features.GetPlanTask;

/// <summary>A task with its evidence files, its history (newest first), and the tasks linked to it (the answers, or what it answers).</summary>
internal sealed record GetPlanTask(Guid Id) : IQuery<PlanTaskDetail>;

internal sealed record PlanTaskDetail(PlanTaskView Task, IReadOnlyList<PlanTaskAttachmentView> Files, IReadOnlyList<PlanTaskEventView> History,
    IReadOnlyList<PlanTaskView> Linked);

internal sealed class PlanTaskAttachmentView
{
    public Guid Id { get; init; }
    public string FileName { get; init; } = "";
    public string ContentType { get; init; } = "";
    public int Size { get; init; }
    public DateTime UploadedAt { get; init; }
}

internal sealed class PlanTaskEventView
{
    public string Action { get; init; } = "";
    public string? Note { get; init; }
    public DateTime At { get; init; }
}

internal sealed class GetPlanTaskHandler(WorkflowDb db, RequestContext context, IClock clock) : IRequestHandler<GetPlanTask, PlanTaskDetail>
{
    public async Task<PlanTaskDetail> Handle(GetPlanTask q, CancellationToken cancellationToken)
    {
        // Linked tasks are bounded by the branches of one committee (one answer per branch at most in practice): no paging needed.
        using var grid = await db.QueryMultipleAsync($"""
            select {PlanTaskView.Columns} from {PlanTaskView.From} where t.id = @Id and {PlanBook.TaskVisible};
            select a.id, a.file_name, a.content_type, a.size, a.uploaded_at from workflow.plan_task_attachment a
            where a.task_id = @Id order by a.uploaded_at, a.id;
            select e.action, e.note, e.at from workflow.plan_task_event e where e.task_id = @Id order by e.at desc, e.id desc limit 200;
            select {PlanTaskView.Columns} from {PlanTaskView.From}
            where (t.answers_task_id = @Id or t.id = (select answers_task_id from workflow.plan_task where id = @Id)) and {PlanBook.TaskVisible}
            order by t.due_on, t.id limit 200;
            """, WorkflowScope.Parameters(context.Principal.ScopeFor(WorkflowPermissions.Read), new { q.Id, today = clock.Today }), cancellationToken);
        var task = await grid.ReadSingleOrDefaultAsync<PlanTaskView>() ?? throw new NotFoundException("plan_task", q.Id.ToString());
        return new PlanTaskDetail(task, (await grid.ReadAsync<PlanTaskAttachmentView>()).ToList(), (await grid.ReadAsync<PlanTaskEventView>()).ToList(),
            (await grid.ReadAsync<PlanTaskView>()).ToList());
    }
}

internal static class GetPlanTaskEndpoint
{
    public static void MapGetPlanTask(this IEndpointRouteBuilder api) =>
        api.MapGet("/plan-tasks/{id:guid}", (Guid id, IMediator mediator, CancellationToken ct) => mediator.Send(new GetPlanTask(id), ct))
            .WithName("GetPlanTask").WithSummary("任务详情：佐证材料、办理记录、承接关系")
            .RequirePermission(WorkflowPermissions.Read);
}
