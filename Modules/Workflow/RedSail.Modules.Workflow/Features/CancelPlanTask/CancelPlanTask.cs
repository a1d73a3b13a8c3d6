using RedSail.Modules.Workflow.Contracts;
using RedSail.Modules.Workflow.Domain;
using RedSail.Modules.Workflow.Features.Plans;
using RedSail.Modules.Workflow.Features.Todos;

namespace RedSail.Modules.Workflow.Features.CancelPlanTask;

/// <summary>The assigner cancels an open task, for a reason (kept in its history; cancelled tasks do not count as due).</summary>
internal sealed record CancelPlanTask(Guid Id, string? Reason, long? Version) : ICommand<PlanTaskVersion>
{
    public string AuditAction => "workflow.plans.tasks.cancel";
    public AuditTarget AuditTarget => new("workflow_plan_task", Id.ToString());
}

internal sealed record CancelPlanTaskBody(string? Reason, long? Version);

internal sealed class CancelPlanTaskValidator : IValidator<CancelPlanTask>
{
    public void Validate(CancelPlanTask request, ValidationErrors errors)
    {
        errors.RequiredMax("reason", request.Reason, 1000);
        if (request.Version is null) errors.Add("version", "validation.required");
    }
}

internal sealed class CancelPlanTaskHandler(WorkflowDb db, RequestContext context, TodoBook todos) : IRequestHandler<CancelPlanTask, PlanTaskVersion>
{
    public async Task<PlanTaskVersion> Handle(CancelPlanTask request, CancellationToken cancellationToken)
    {
        var task = await PlanBook.LockTaskAsync(db, context, request.Id, asOwner: false, request.Version, cancellationToken);
        if (!PlanTasks.CanChange(task.Status)) throw new RuleViolationException("task_not_open", "workflow.plans.task_not_open", task.Title);
        await db.ExecuteAsync("update workflow.plan_task set status = 'cancelled', version = version + 1 where id = @Id", request, cancellationToken);
        await PlanBook.RecordAsync(db, context, [task.Id], "cancelled", request.Reason, cancellationToken);
        await todos.RefreshAsync(PlanTaskDueSource.KindName, task.OwnerOrganizationId, cancellationToken);
        return new PlanTaskVersion(task.Id, task.Version + 1);
    }
}

internal static class CancelPlanTaskEndpoint
{
    public static void MapCancelPlanTask(this IEndpointRouteBuilder api) =>
        api.MapPost("/plan-tasks/{id:guid}/cancel", (Guid id, CancelPlanTaskBody body, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new CancelPlanTask(id, body.Reason, body.Version), ct))
            .WithName("CancelPlanTask").WithSummary("撤销未完成的任务（须说明原因）")
            .RequirePermission(WorkflowPermissions.Write);
}
