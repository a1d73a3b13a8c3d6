using RedSail.Modules.Workflow.Access;
using RedSail.Modules.Workflow.Contracts;
using RedSail.Modules.Workflow.Domain;

namespace RedSail.Modules.Workflow.Features.DecideNomination;

/// <summary>The committee above the nominating branch records the evaluation result: selected or not, with a rank or note.</summary>
internal sealed record DecideNomination(Guid Id, string? NominationResult, string? ResultNote, long? Version) : ICommand<RecordedNominationVersion>
{
    public string AuditAction => "workflow.nominations.decide";
    public AuditTarget AuditTarget => new("workflow_nomination", Id.ToString());
}

internal sealed record DecideNominationBody(string? NominationResult, string? ResultNote, long? Version);

internal sealed record RecordedNominationVersion(Guid Id, long Version);

internal sealed class DecideNominationValidator : IValidator<DecideNomination>
{
    public void Validate(DecideNomination request, ValidationErrors errors)
    {
        if (!StudyKinds.NominationResults.Contains(request.NominationResult ?? "")) errors.Add("nominationResult", "validation.invalid");
        errors.MaxLength("resultNote", request.ResultNote, 1000);
        if (request.Version is null) errors.Add("version", "validation.required");
    }
}

internal sealed class DecideNominationHandler(WorkflowDb db, RequestContext context) : IRequestHandler<DecideNomination, RecordedNominationVersion>
{
    private sealed class Row
    {
        public Guid ParentId { get; init; }
        public long Version { get; init; }
    }

    public async Task<RecordedNominationVersion> Handle(DecideNomination request, CancellationToken cancellationToken)
    {
        var row = await db.QuerySingleOrDefaultAsync<Row>("""
            select o.parent_id, n.version from workflow.nomination n join workflow.organization o on o.id = n.organization_id
            where n.id = @Id and o.parent_id is not null for update of n
            """, request, cancellationToken) ?? throw new NotFoundException("nomination", request.Id.ToString());
        // The evaluation is the committee's: write access on the branch alone (its secretary) is not enough.
        await WorkflowScope.EnsureAsync(db, context, WorkflowPermissions.Write, row.ParentId, cancellationToken);
        if (row.Version != request.Version) throw new ConcurrencyException(row.Version);
        await db.ExecuteAsync("""
            update workflow.nomination set result = @NominationResult, result_note = @ResultNote, decided_at = now(), version = version + 1 where id = @Id
            """, request, cancellationToken);
        return new RecordedNominationVersion(request.Id, row.Version + 1);
    }
}

internal static class DecideNominationEndpoint
{
    public static void MapDecideNomination(this IEndpointRouteBuilder api) =>
        api.MapPost("/nominations/{id:guid}/result", (Guid id, DecideNominationBody body, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new DecideNomination(id, body.NominationResult, body.ResultNote, body.Version), ct))
            .WithName("DecideNomination").WithSummary("党委登记评比结果（评选上/未评选上，名次或说明）")
            .RequirePermission(WorkflowPermissions.Write);
}
