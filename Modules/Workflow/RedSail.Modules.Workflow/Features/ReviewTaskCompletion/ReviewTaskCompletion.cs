using RedSail.Modules.Workflow.Contracts;
using RedSail.Modules.Workflow.Domain;
using RedSail.Modules.Workflow.Features.Plans;
using RedSail.Modules.Workflow.Features.Todos;

namespace RedSail.Modules.Workflow.Features.ReviewTaskCompletion;

/// <summary>
/// The committee reviews a branch's reported result: accepts it, or returns it with a reason, which opens the task again
/// (the report and its evidence stay in the history; the branch reports anew).
/// </summary>
internal sealed record ReviewTaskCompletion(Guid Id, bool? Accept, string? Reason, long? Version) : ICommand<PlanTaskVersion>
{
    public string AuditAction => Accept == true ? "workflow.plans.tasks.accept" : "workflow.plans.tasks.return";
    public AuditTarget AuditTarget => new("workflow_plan_task", Id.ToString());
}

internal sealed record ReviewTaskCompletionBody(bool? Accept, string? Reason, long? Version);

internal sealed class ReviewTaskCompletionValidator : IValidator<ReviewTaskCompletion>
{
    public void Validate(ReviewTaskCompletion request, ValidationErrors errors)
    {
        if (request.Accept is null) errors.Add("accept", "validation.required");
        // A returned result needs the reason: the branch must know what to do better.
        if (request.Accept == false) errors.RequiredMax("reason", request.Reason, 1000);
        else errors.MaxLength("reason", request.Reason, 1000);
        if (request.Version is null) errors.Add("version", "validation.required");
    }
}

internal sealed class ReviewTaskCompletionHandler(WorkflowDb db, RequestContext context, TodoBook todos)
    : IRequestHandler<ReviewTaskCompletion, PlanTaskVersion>
{
    public async Task<PlanTaskVersion> Handle(ReviewTaskCompletion request, CancellationToken cancellationToken)
    {
        var task = await PlanBook.LockTaskAsync(db, context, request.Id, asOwner: false, request.Version, cancellationToken);
        if (!PlanTasks.CanReview(task.Status, task.Accepted) || task.OrganizationId == task.OwnerOrganizationId)
            throw new RuleViolationException("task_not_reported", "workflow.plans.task_not_reported", task.Title);
        await db.ExecuteAsync(request.Accept == true
            ? "update workflow.plan_task set accepted_at = now(), version = version + 1 where id = @Id"
            : "update workflow.plan_task set status = 'open', completed_on = null, completion_note = null, version = version + 1 where id = @Id",
            request, cancellationToken);
        await PlanBook.RecordAsync(db, context, [task.Id], request.Accept == true ? "accepted" : "returned", request.Reason, cancellationToken);
        await todos.RefreshAsync(PlanTaskReviewSource.KindName, task.OrganizationId, cancellationToken);
        await todos.RefreshAsync(PlanTaskDueSource.KindName, task.OwnerOrganizationId, cancellationToken);
        return new PlanTaskVersion(task.Id, task.Version + 1);
    }
}

internal static class ReviewTaskCompletionEndpoint
{
    public static void MapReviewTaskCompletion(this IEndpointRouteBuilder api) =>
        api.MapPost("/plan-tasks/{id:guid}/review", (Guid id, ReviewTaskCompletionBody body, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new ReviewTaskCompletion(id, body.Accept, body.Reason, body.Version), ct))
            .WithName("ReviewTaskCompletion").WithSummary("党委审核支部报告的完成情况：认可，或说明原因退回（任务重新打开）")
            .RequirePermission(WorkflowPermissions.Write);
}
