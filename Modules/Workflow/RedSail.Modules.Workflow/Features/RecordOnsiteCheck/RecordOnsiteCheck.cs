using RedSail.Modules.Workflow.Access;
using RedSail.Modules.Workflow.Contracts;
using RedSail.Modules.Workflow.Features.Supervision;
using RedSail.Modules.Workflow.Features.Todos;

namespace RedSail.Modules.Workflow.Features.RecordOnsiteCheck;

/// <summary>督导检查: a supervisor's visit to a branch — who checked, what they found, and the rectifications required with deadlines.</summary>
internal sealed record RecordOnsiteCheck(Guid OrganizationId, DateOnly? CheckedOn, string? Inspectors, string? Findings,
    IReadOnlyList<RectificationInput>? Rectifications) : ICommand<RecordedCheck>
{
    public string AuditAction => "workflow.supervision.record_check";
    public AuditTarget AuditTarget => new("onsite_check", null, OrganizationId.ToString());
}

internal sealed record RectificationInput(string? Requirement, DateOnly? DueOn);

internal sealed record RecordedCheck(Guid Id) : IAuditedResult
{
    public AuditTarget? AuditTarget => new("onsite_check", Id.ToString());
}

internal sealed class RecordOnsiteCheckValidator(IClock clock) : IValidator<RecordOnsiteCheck>
{
    public void Validate(RecordOnsiteCheck request, ValidationErrors errors)
    {
        if (request.CheckedOn is null) errors.Add("checkedOn", "validation.required");
        else if (request.CheckedOn > clock.Today) errors.Add("checkedOn", "workflow.date_in_future");
        errors.RequiredMax("inspectors", request.Inspectors, 200).RequiredMax("findings", request.Findings, 8000);
        var items = request.Rectifications ?? [];
        if (items.Count > 50) errors.Add("rectifications", "workflow.supervision.too_many_rectifications", 50);
        for (var i = 0; i < items.Count; i++)
        {
            errors.RequiredMax($"rectifications[{i}].requirement", items[i].Requirement, 1000);
            if (items[i].DueOn is null) errors.Add($"rectifications[{i}].dueOn", "validation.required");
            else if (request.CheckedOn is { } checkedOn && items[i].DueOn < checkedOn)
                errors.Add($"rectifications[{i}].dueOn", "workflow.supervision.due_before_check");
        }
    }
}

internal sealed class RecordOnsiteCheckHandler(WorkflowDb db, RequestContext context, TodoBook todos) : IRequestHandler<RecordOnsiteCheck, RecordedCheck>
{
    public async Task<RecordedCheck> Handle(RecordOnsiteCheck request, CancellationToken cancellationToken)
    {
        await WorkflowScope.EnsureBranchAsync(db, context, WorkflowPermissions.Supervise, request.OrganizationId, cancellationToken);
        var id = Guid.CreateVersion7();
        var items = request.Rectifications ?? [];
        await db.ExecuteAsync("""
            insert into workflow.onsite_check (id, organization_id, checked_on, inspectors, findings, recorded_by)
            values (@id, @OrganizationId, @CheckedOn, @inspectors, @findings, @by);
            insert into workflow.rectification (id, check_id, organization_id, requirement, due_on)
            select gen_random_uuid(), @id, @OrganizationId, r, d from unnest(@requirements, @dues) as x(r, d);
            """, new
        {
            id, request.OrganizationId, request.CheckedOn, inspectors = request.Inspectors!.Trim(), findings = request.Findings!.Trim(),
            by = context.Principal.UserId, requirements = items.Select(r => r.Requirement!.Trim()).ToArray(), dues = items.Select(r => r.DueOn!.Value).ToArray(),
        }, cancellationToken);
        await todos.RefreshAsync(RectificationTodos.KindName, request.OrganizationId, cancellationToken);
        return new RecordedCheck(id);
    }
}

internal static class RecordOnsiteCheckEndpoint
{
    public static void MapRecordOnsiteCheck(this IEndpointRouteBuilder api) =>
        api.MapPost("/supervision/checks", async (RecordOnsiteCheck command, IMediator mediator, CancellationToken ct) =>
            {
                var recorded = await mediator.Send(command, ct);
                return Results.Created($"/api/workflow/supervision/checks/{recorded.Id}", recorded);
            })
            .WithName("RecordOnsiteCheck").WithSummary("记录督导检查：发现的问题与整改要求、期限").RequirePermission(WorkflowPermissions.Supervise);
}
