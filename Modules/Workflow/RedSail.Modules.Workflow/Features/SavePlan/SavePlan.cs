using RedSail.Modules.Workflow.Access;
using RedSail.Modules.Workflow.Contracts;
using RedSail.Modules.Workflow.Domain;
using RedSail.Modules.Workflow.Features.Plans;

namespace RedSail.Modules.Workflow.Features.SavePlan;

/// <summary>
/// Writes an organisation's plan for a year (年初部署 for a committee, 年度工作布局 for a branch): creates it, or with its
/// id and version updates its title and summary. One plan per organisation and year; a committee's starts as a draft.
/// </summary>
internal sealed record SavePlan(Guid? Id, Guid? OrganizationId, int? Year, string? Title, string? PlanSummary, long? Version)
    : ICommand<SavedPlan>
{
    public string AuditAction => Id is null ? "workflow.plans.create" : "workflow.plans.update";
    public AuditTarget AuditTarget => new("workflow_plan", Id?.ToString(), OrganizationId?.ToString());
}

internal sealed record SavedPlan(Guid Id, long Version) : IAuditedResult
{
    public AuditTarget? AuditTarget => new("workflow_plan", Id.ToString());
}

internal sealed class SavePlanValidator(IClock clock) : IValidator<SavePlan>
{
    public void Validate(SavePlan request, ValidationErrors errors)
    {
        errors.RequiredMax("title", request.Title, 200).MaxLength("planSummary", request.PlanSummary, 4000);
        if (request.Id is null)
        {
            if (request.OrganizationId is null) errors.Add("organizationId", "validation.required");
            if (request.Year is null) errors.Add("year", "validation.required");
            else if (!PlanTasks.PlausibleYear(request.Year.Value, clock.Today)) errors.Add("year", "validation.between", 2000, clock.Today.Year + 1);
        }
        else if (request.Version is null) errors.Add("version", "validation.required");
    }
}

internal sealed class SavePlanHandler(WorkflowDb db, RequestContext context) : IRequestHandler<SavePlan, SavedPlan>
{
    public async Task<SavedPlan> Handle(SavePlan request, CancellationToken cancellationToken)
    {
        if (request.Id is { } id)
        {
            var plan = await PlanBook.LockPlanAsync(db, context, id, request.Version, cancellationToken);
            await db.ExecuteAsync("update workflow.plan set title = @Title, summary = @PlanSummary, version = version + 1 where id = @id",
                new { id, request.Title, request.PlanSummary }, cancellationToken);
            return new SavedPlan(id, plan.Version + 1);
        }

        var organization = await WorkflowScope.EnsureAsync(db, context, WorkflowPermissions.Write, request.OrganizationId!.Value, cancellationToken);
        var level = PlanTasks.LevelOf(organization.Type)
            ?? throw new RuleViolationException("not_party_organization", "workflow.plans.not_party_organization", organization.Name);
        var branch = level == PlanTasks.BranchLevel;
        var newId = Guid.CreateVersion7();
        // A branch's own plan is its working list at once; a committee's deployment reaches the branches when published.
        var created = await db.ExecuteAsync("""
            insert into workflow.plan (id, organization_id, year, level, title, summary, status, published_at)
            values (@newId, @organizationId, @Year, @level, @Title, @PlanSummary, @status, case when @status = 'published' then now() end)
            on conflict (organization_id, year) do nothing
            """, new
            {
                newId, organizationId = organization.Id, request.Year, request.Title, request.PlanSummary,
                level, status = branch ? PlanTasks.Published : PlanTasks.Draft,
            }, cancellationToken);
        if (created == 0) throw new RuleViolationException("plan_exists", "workflow.plans.plan_exists", organization.Name, request.Year!.Value);
        return new SavedPlan(newId, 1);
    }
}

internal static class SavePlanEndpoint
{
    public static void MapSavePlan(this IEndpointRouteBuilder api)
    {
        api.MapPost("/plans", (SavePlan command, IMediator mediator, CancellationToken ct) => mediator.Send(command with { Id = null }, ct))
            .WithName("CreatePlan").WithSummary("新建组织的年度计划（党委：年初部署，草稿；支部：年度工作布局）；每个组织每年一份")
            .RequirePermission(WorkflowPermissions.Write);
        api.MapPut("/plans/{id:guid}", (Guid id, SavePlan command, IMediator mediator, CancellationToken ct) =>
                mediator.Send(command with { Id = id }, ct))
            .WithName("UpdatePlan").WithSummary("修改年度计划的名称和概述（须提供当前版本号）")
            .RequirePermission(WorkflowPermissions.Write);
    }
}
