using RedSail.Modules.Workflow.Contracts;
using RedSail.Modules.Workflow.Domain;
using RedSail.Modules.Workflow.Features.Plans;
using RedSail.Modules.Workflow.Features.Todos;

namespace RedSail.Modules.Workflow.Features.UpdatePlanTask;

/// <summary>The assigner changes an open task's title, expected result or due date (the history keeps the old due date).</summary>
internal sealed record UpdatePlanTask(Guid Id, string? Title, string? ExpectedResult, DateOnly? DueOn, long? Version) : ICommand<PlanTaskVersion>
{
    public string AuditAction => "workflow.plans.tasks.update";
    public AuditTarget AuditTarget => new("workflow_plan_task", Id.ToString());
}

internal sealed record UpdatePlanTaskBody(string? Title, string? ExpectedResult, DateOnly? DueOn, long? Version);

internal sealed class UpdatePlanTaskValidator : IValidator<UpdatePlanTask>
{
    public void Validate(UpdatePlanTask request, ValidationErrors errors)
    {
        PlanBook.CheckTask(request.Title, request.ExpectedResult, request.DueOn, null, errors);
        if (request.Version is null) errors.Add("version", "validation.required");
    }
}

internal sealed class UpdatePlanTaskHandler(WorkflowDb db, RequestContext context, TodoBook todos) : IRequestHandler<UpdatePlanTask, PlanTaskVersion>
{
    public async Task<PlanTaskVersion> Handle(UpdatePlanTask request, CancellationToken cancellationToken)
    {
        var task = await PlanBook.LockTaskAsync(db, context, request.Id, asOwner: false, request.Version, cancellationToken);
        var errors = new ValidationErrors();
        PlanBook.CheckTask(request.Title, request.ExpectedResult, request.DueOn, task.Year, errors);
        errors.ThrowIfAny();
        if (!PlanTasks.CanChange(task.Status)) throw new RuleViolationException("task_not_open", "workflow.plans.task_not_open", task.Title);
        await db.ExecuteAsync("""
            update workflow.plan_task set title = @Title, expected_result = @ExpectedResult, due_on = @DueOn, version = version + 1 where id = @Id
            """, request, cancellationToken);
        await PlanBook.RecordAsync(db, context, [task.Id], "updated",
            task.DueOn != request.DueOn ? $"{task.DueOn:yyyy-MM-dd} → {request.DueOn:yyyy-MM-dd}" : null, cancellationToken);
        await todos.RefreshAsync(PlanTaskDueSource.KindName, task.OwnerOrganizationId, cancellationToken);
        return new PlanTaskVersion(task.Id, task.Version + 1);
    }
}

internal static class UpdatePlanTaskEndpoint
{
    public static void MapUpdatePlanTask(this IEndpointRouteBuilder api) =>
        api.MapPut("/plan-tasks/{id:guid}", (Guid id, UpdatePlanTaskBody body, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new UpdatePlanTask(id, body.Title, body.ExpectedResult, body.DueOn, body.Version), ct))
            .WithName("UpdatePlanTask").WithSummary("修改未完成任务的名称、预期成果或完成期限")
            .RequirePermission(WorkflowPermissions.Write);
}
