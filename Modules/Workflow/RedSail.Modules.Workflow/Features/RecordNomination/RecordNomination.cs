using RedSail.Modules.Workflow.Access;
using RedSail.Modules.Workflow.Contracts;
using RedSail.Modules.Workflow.Domain;
using RedSail.Modules.Workflow.Features.Study;

namespace RedSail.Modules.Workflow.Features.RecordNomination;

/// <summary>
/// A branch nominates for the year-end evaluation (年终成果综合评比): itself as 先进支部, or one of its members as 优秀党员,
/// with the reason. Once per branch, year and nominee.
/// </summary>
internal sealed record RecordNomination(Guid? OrganizationId, int? Year, string? NominationKind, Guid? PersonId, string? NominationReason)
    : ICommand<RecordedNomination>
{
    public string AuditAction => "workflow.nominations.record";
    public AuditTarget AuditTarget => new("workflow_nomination", null, OrganizationId?.ToString());
}

internal sealed record RecordedNomination(Guid Id, long Version) : IAuditedResult
{
    public AuditTarget? AuditTarget => new("workflow_nomination", Id.ToString());
}

internal sealed class RecordNominationValidator(IClock clock) : IValidator<RecordNomination>
{
    public void Validate(RecordNomination request, ValidationErrors errors)
    {
        if (request.OrganizationId is null) errors.Add("organizationId", "validation.required");
        if (request.Year is null) errors.Add("year", "validation.required");
        else if (!PlanTasks.PlausibleYear(request.Year.Value, clock.Today)) errors.Add("year", "validation.between", 2000, clock.Today.Year + 1);
        if (!StudyKinds.Nominations.Contains(request.NominationKind ?? "")) errors.Add("nominationKind", "validation.invalid");
        if (request.NominationKind == "member" && request.PersonId is null) errors.Add("personId", "validation.required");
        errors.RequiredMax("nominationReason", request.NominationReason, 2000);
    }
}

internal sealed class RecordNominationHandler(WorkflowDb db, RequestContext context) : IRequestHandler<RecordNomination, RecordedNomination>
{
    public async Task<RecordedNomination> Handle(RecordNomination request, CancellationToken cancellationToken)
    {
        var branch = await WorkflowScope.EnsureBranchAsync(db, context, WorkflowPermissions.Write, request.OrganizationId!.Value, cancellationToken);
        var personId = request.NominationKind == "member" ? request.PersonId : null;
        if (personId is { } person) await StudyRoster.CheckAsync(db, branch.Id, [person], "personId", list: false, cancellationToken);
        var id = Guid.CreateVersion7();
        var added = await db.ExecuteAsync("""
            insert into workflow.nomination (id, organization_id, year, kind, person_id, reason)
            values (@id, @organizationId, @Year, @NominationKind, @personId, @NominationReason)
            on conflict do nothing
            """, new { id, organizationId = branch.Id, request.Year, request.NominationKind, personId, request.NominationReason }, cancellationToken);
        if (added == 0) throw new RuleViolationException("nomination_exists", "workflow.study.nomination_exists", branch.Name, request.Year!.Value);
        return new RecordedNomination(id, 1);
    }
}

internal static class RecordNominationEndpoint
{
    public static void MapRecordNomination(this IEndpointRouteBuilder api) =>
        api.MapPost("/nominations", async (RecordNomination command, IMediator mediator, CancellationToken ct) =>
                Results.Created("/api/workflow/nominations", await mediator.Send(command, ct)))
            .WithName("RecordNomination").WithSummary("支部推荐年终评比对象：先进支部（本支部）或优秀党员（本支部党员），须写明推荐理由")
            .RequirePermission(WorkflowPermissions.Write);
}
