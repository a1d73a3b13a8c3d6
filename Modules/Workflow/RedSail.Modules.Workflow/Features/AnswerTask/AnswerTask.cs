using RedSail.BuildingBlocks.Localization;
using RedSail.Modules.Workflow.Contracts;
using RedSail.Modules.Workflow.Domain;
using RedSail.Modules.Workflow.Features.Plans;
using RedSail.Modules.Workflow.Features.Todos;

namespace RedSail.Modules.Workflow.Features.AnswerTask;

/// <summary>
/// A branch answers a committee task in its annual plan (年度工作布局): its own task linked to the committee's, with its
/// own steps and date. The branch's plan for the year is started if it has none.
/// </summary>
internal sealed record AnswerTask(Guid Id, string? Title, string? ExpectedResult, DateOnly? DueOn) : ICommand<PlanTaskVersion>
{
    public string AuditAction => "workflow.plans.tasks.answer";
    public AuditTarget AuditTarget => new("workflow_plan_task", Id.ToString());
}

internal sealed record AnswerTaskBody(string? Title, string? ExpectedResult, DateOnly? DueOn);

internal sealed class AnswerTaskValidator : IValidator<AnswerTask>
{
    public void Validate(AnswerTask request, ValidationErrors errors) =>
        PlanBook.CheckTask(request.Title, request.ExpectedResult, request.DueOn, null, errors);
}

internal sealed class AnswerTaskHandler(WorkflowDb db, RequestContext context, TodoBook todos, MessageCatalog messages)
    : IRequestHandler<AnswerTask, PlanTaskVersion>
{
    public async Task<PlanTaskVersion> Handle(AnswerTask request, CancellationToken cancellationToken)
    {
        var answered = await PlanBook.LockTaskAsync(db, context, request.Id, asOwner: true, null, cancellationToken);
        if (answered.OrganizationId == answered.OwnerOrganizationId)
            throw new RuleViolationException("task_is_own", "workflow.plans.task_is_own", answered.Title);
        var errors = new ValidationErrors();
        PlanBook.CheckTask(request.Title, request.ExpectedResult, request.DueOn, answered.Year, errors);
        errors.ThrowIfAny();

        var id = Guid.CreateVersion7();
        await db.ExecuteAsync("""
            with plan as (
                insert into workflow.plan (id, organization_id, year, level, title, status, published_at)
                select @planId, o.id, @year, 'branch', @planTitle, 'published', now()
                from workflow.organization o where o.id = @branch
                on conflict (organization_id, year) do update set version = workflow.plan.version
                returning id)
            insert into workflow.plan_task (id, plan_id, organization_id, owner_organization_id, answers_task_id, title, expected_result, due_on)
            select @id, plan.id, @branch, @branch, @answers, @Title, @ExpectedResult, @DueOn from plan
            """, new
            {
                id, planId = Guid.CreateVersion7(), year = answered.Year, branch = answered.OwnerOrganizationId, answers = answered.Id,
                planTitle = messages.Get("workflow.plans.branch_plan_title", answered.Year), request.Title, request.ExpectedResult, request.DueOn,
            }, cancellationToken);
        await PlanBook.RecordAsync(db, context, [id], "assigned", null, cancellationToken);
        await todos.RefreshAsync(PlanTaskDueSource.KindName, answered.OwnerOrganizationId, cancellationToken);
        return new PlanTaskVersion(id, 1);
    }
}

internal static class AnswerTaskEndpoint
{
    public static void MapAnswerTask(this IEndpointRouteBuilder api) =>
        api.MapPost("/plan-tasks/{id:guid}/answers", (Guid id, AnswerTaskBody body, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new AnswerTask(id, body.Title, body.ExpectedResult, body.DueOn), ct))
            .WithName("AnswerPlanTask").WithSummary("支部在年度工作布局中承接党委下达的任务（生成本支部的任务并与之关联）")
            .RequirePermission(WorkflowPermissions.Write);
}
