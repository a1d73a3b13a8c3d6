using RedSail.Modules.Workflow.Contracts;
using RedSail.Modules.Workflow.Domain;
using RedSail.Modules.Workflow.Features.Plans;
using RedSail.Modules.Workflow.Features.Todos;

namespace RedSail.Modules.Workflow.Features.AddPlanTask;

/// <summary>
/// Adds a task to a plan. A committee assigns it to branches of its subtree (several at once: one task per branch, each
/// reported on its own); a branch's task in its own plan is its own (owners: none, or itself).
/// </summary>
internal sealed record AddPlanTask(Guid PlanId, string? Title, string? ExpectedResult, DateOnly? DueOn, IReadOnlyList<Guid>? OwnerOrganizationIds)
    : ICommand<AddedPlanTasks>
{
    public string AuditAction => "workflow.plans.tasks.add";
    public AuditTarget AuditTarget => new("workflow_plan", PlanId.ToString());
}

internal sealed record AddPlanTaskBody(string? Title, string? ExpectedResult, DateOnly? DueOn, IReadOnlyList<Guid>? OwnerOrganizationIds);

internal sealed record AddedPlanTasks(IReadOnlyList<Guid> Ids);

internal sealed class AddPlanTaskValidator : IValidator<AddPlanTask>
{
    public void Validate(AddPlanTask request, ValidationErrors errors)
    {
        PlanBook.CheckTask(request.Title, request.ExpectedResult, request.DueOn, null, errors);
        if (request.OwnerOrganizationIds is { Count: > 200 }) errors.Add("ownerOrganizationIds", "validation.between", 1, 200);
    }
}

internal sealed class AddPlanTaskHandler(WorkflowDb db, RequestContext context, TodoBook todos) : IRequestHandler<AddPlanTask, AddedPlanTasks>
{
    public async Task<AddedPlanTasks> Handle(AddPlanTask request, CancellationToken cancellationToken)
    {
        var plan = await PlanBook.LockPlanAsync(db, context, request.PlanId, null, cancellationToken);
        var errors = new ValidationErrors();
        PlanBook.CheckTask(request.Title, request.ExpectedResult, request.DueOn, plan.Year, errors);
        var owners = (request.OwnerOrganizationIds ?? []).Distinct().ToArray();
        if (plan.Level == PlanTasks.BranchLevel)
        {
            if (owners.Any(o => o != plan.OrganizationId)) errors.Add("ownerOrganizationIds", "workflow.plans.branch_plan_own_tasks");
            owners = [plan.OrganizationId];
        }
        else if (owners.Length == 0) errors.Add("ownerOrganizationIds", "validation.required");
        errors.ThrowIfAny();

        if (plan.Level == PlanTasks.CommitteeLevel) await CheckBranchesAsync(plan, owners, cancellationToken);
        var ids = owners.Select(_ => Guid.CreateVersion7()).ToArray();
        await db.ExecuteAsync("""
            insert into workflow.plan_task (id, plan_id, organization_id, owner_organization_id, title, expected_result, due_on)
            select i, @planId, @organizationId, o, @Title, @ExpectedResult, @DueOn from unnest(@ids, @owners) as x(i, o)
            """, new { planId = plan.Id, organizationId = plan.OrganizationId, ids, owners, request.Title, request.ExpectedResult, request.DueOn },
            cancellationToken);
        await PlanBook.RecordAsync(db, context, ids, "assigned", null, cancellationToken);
        if (plan.Status == PlanTasks.Published) await todos.RefreshAsync(PlanTaskDueSource.KindName, null, cancellationToken);
        return new AddedPlanTasks(ids);
    }

    /// <summary>Every owner is an active branch strictly below the committee (the committee's subtree is in the caller's scope).</summary>
    private async Task CheckBranchesAsync(PlanRow plan, Guid[] owners, CancellationToken ct)
    {
        var found = (await db.QueryAsync<Guid>($"""
            select b.id from workflow.organization b join workflow.organization c on c.id = @committee
            where b.id = any(@owners) and b.status = 'active' and {BranchTypes.Sql("b")} and b.path <@ c.path and b.id <> c.id
            """, new { committee = plan.OrganizationId, owners }, ct)).ToHashSet();
        var errors = new ValidationErrors();
        for (var i = 0; i < owners.Length; i++)
            if (!found.Contains(owners[i])) errors.Add($"ownerOrganizationIds[{i}]", "workflow.plans.owner_not_branch_below");
        errors.ThrowIfAny();
    }
}

internal static class AddPlanTaskEndpoint
{
    public static void MapAddPlanTask(this IEndpointRouteBuilder api) =>
        api.MapPost("/plans/{id:guid}/tasks", async (Guid id, AddPlanTaskBody body, IMediator mediator, CancellationToken ct) =>
                Results.Created($"/api/workflow/plans/{id}", await mediator.Send(
                    new AddPlanTask(id, body.Title, body.ExpectedResult, body.DueOn, body.OwnerOrganizationIds), ct)))
            .WithName("AddPlanTask").WithSummary("向计划添加任务（党委可一次下达给多个支部：每个支部一项任务）")
            .RequirePermission(WorkflowPermissions.Write);
}
