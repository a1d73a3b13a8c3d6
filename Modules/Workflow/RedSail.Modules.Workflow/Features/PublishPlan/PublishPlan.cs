using RedSail.Modules.Workflow.Contracts;
using RedSail.Modules.Workflow.Domain;
using RedSail.Modules.Workflow.Features.Plans;
using RedSail.Modules.Workflow.Features.Todos;

namespace RedSail.Modules.Workflow.Features.PublishPlan;

/// <summary>Publishes a committee's plan: its tasks become the branches' tasks (and their to-dos as they fall due).</summary>
internal sealed record PublishPlan(Guid Id, long? Version) : ICommand<SavedPlanVersion>
{
    public string AuditAction => "workflow.plans.publish";
    public AuditTarget AuditTarget => new("workflow_plan", Id.ToString());
}

internal sealed record PublishPlanBody(long? Version);

internal sealed record SavedPlanVersion(Guid Id, long Version);

internal sealed class PublishPlanValidator : IValidator<PublishPlan>
{
    public void Validate(PublishPlan request, ValidationErrors errors)
    {
        if (request.Version is null) errors.Add("version", "validation.required");
    }
}

internal sealed class PublishPlanHandler(WorkflowDb db, RequestContext context, TodoBook todos) : IRequestHandler<PublishPlan, SavedPlanVersion>
{
    public async Task<SavedPlanVersion> Handle(PublishPlan request, CancellationToken cancellationToken)
    {
        var plan = await PlanBook.LockPlanAsync(db, context, request.Id, request.Version, cancellationToken);
        if (plan.Status == PlanTasks.Published) throw new RuleViolationException("plan_published", "workflow.plans.already_published", plan.Title);
        await db.ExecuteAsync("update workflow.plan set status = 'published', published_at = now(), version = version + 1 where id = @Id",
            request, cancellationToken);
        // Tasks already due soon reach their branches' to-do lists now, not at the next periodic refresh.
        await todos.RefreshAsync(PlanTaskDueSource.KindName, null, cancellationToken);
        return new SavedPlanVersion(plan.Id, plan.Version + 1);
    }
}

internal static class PublishPlanEndpoint
{
    public static void MapPublishPlan(this IEndpointRouteBuilder api) =>
        api.MapPost("/plans/{id:guid}/publish", (Guid id, PublishPlanBody body, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new PublishPlan(id, body.Version), ct))
            .WithName("PublishPlan").WithSummary("发布党委年初部署：任务下达到各支部")
            .RequirePermission(WorkflowPermissions.Write);
}
